using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Truora.Grains.Interfaces.Access;

namespace Truora.Api.Tests.Access;

/// <summary>A node that counts the look-ups of its key directory.</summary>
public sealed class KeyLookupCountingNode : InProcessNode
{
    public KeyLookups Lookups { get; } = new();

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(Lookups);
}

public sealed class KeyLookups : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<string> keys = new();

    public IReadOnlyCollection<string> Keys => keys;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IApiKeyGrain))
        {
            keys.Enqueue(context.TargetId.Key.ToString()!);
        }

        return context.Invoke();
    }
}

/// <summary>A bearer value that is not shaped like a key we issue is refused before any grain or storage is asked.</summary>
public sealed class KeyShapeTests(KeyLookupCountingNode node) : IClassFixture<KeyLookupCountingNode>
{
    [Theory]
    [InlineData("hello")]
    [InlineData("mk_short")]
    [InlineData("tk_short")]
    [InlineData("mk_not-a-key-anyone-was-given")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("mk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("mk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AMalformedBearerIsRefusedWithoutALookUp(string bearer)
    {
        var hash = ApiKeyHash.Of(bearer);
        using var client = node.Client(bearer);

        using var response = await client.GetAsync("/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(hash, node.Lookups.Keys);
    }

    [Fact]
    public async Task AWellShapedUnknownKeyIsLookedUpAndRefused()
    {
        const string bearer = "mk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using var client = node.Client(bearer);

        using var response = await client.GetAsync("/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(ApiKeyHash.Of(bearer), node.Lookups.Keys);
    }
}
