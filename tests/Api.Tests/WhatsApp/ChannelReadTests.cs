using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Truora.Api.Tests.EndToEnd;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Tests;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>A node that counts, per tenant, the calls that read its WhatsApp channel.</summary>
public sealed class ChannelReadCountingNode : InProcessNode
{
    public ChannelReads Reads { get; } = new();

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(Reads);
}

public sealed class ChannelReads : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> reads = new(StringComparer.Ordinal);

    public int Of(string tenantId) => reads.GetValueOrDefault(tenantId);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IWhatsAppChannelGrain) && context.InterfaceMethod.Name == nameof(IWhatsAppChannelGrain.GetAsync))
        {
            reads.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, count) => count + 1);
        }

        return context.Invoke();
    }
}

public sealed class ChannelReadTests(ChannelReadCountingNode node) : IClassFixture<ChannelReadCountingNode>
{
    /// <summary>
    /// Every tenant's webhooks, flow starts and sends meet at one channel activation, on one silo of the cluster.
    /// The webhook reads it to check the signature and hands it on: the flow's start and the prompts' post used to
    /// read it again, three calls to that activation for each first message.
    /// </summary>
    [Fact]
    public async Task AFirstMessageReadsTheChannelOnce()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var before = node.Reads.Of(tenant.Id);

        await tenant.SayAsync(user, "hi");
        var posts = await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);

        Assert.Equal(1, node.Reads.Of(tenant.Id) - before);
        Assert.All(posts.Where(post => post.To == user), post => Assert.Equal($"Bearer {WhatsAppTenant.AccessToken}", post.Authorization));
    }

    /// <summary>
    /// The channel a webhook hands on lasts for its message's turn only: the contact that was given the old token
    /// sends the flow's next prompt, in a later turn (the agent closes), with the token put meanwhile.
    /// </summary>
    [Fact]
    public async Task AContactDoesNotKeepTheChannelItWasHandedAfterTheTurn()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var conversationId = await tenant.ReachAgentAsync(user);

        const string rotated = "EAAJB-rotated-access-token";
        using var put = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp", new
        {
            phoneNumberId = WhatsAppTenant.PhoneNumberId,
            accessToken = rotated,
            graphApiBaseUrl = tenant.Graph.BaseUrl,
            defaultFlowId = WhatsAppTenant.FlowId,
            finishMessage = WhatsAppTenant.FinishMessage,
        }, TestContext.Current.CancellationToken);
        await put.ExpectAsync(HttpStatusCode.OK);
        using var close = await tenant.FirstAgent.PostAsync($"/v1/conversations/{conversationId}/close", null, TestContext.Current.CancellationToken);
        await close.ExpectAsync(HttpStatusCode.OK);

        var posts = await tenant.Graph.WaitForAsync(seen => seen.Any(post => post.To == user && post.Text == KycFlow.Resumed), Poll.Patience);
        Assert.Equal($"Bearer {rotated}", Assert.Single(posts, post => post.To == user && post.Text == KycFlow.Resumed).Authorization);
        Assert.All(posts.Where(post => post.To == user && post.Text is KycFlow.Welcome or KycFlow.Question),
            post => Assert.Equal($"Bearer {WhatsAppTenant.AccessToken}", post.Authorization));
    }
}
