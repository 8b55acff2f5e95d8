using System.Net;

namespace Truora.Api.Tests.Access;

/// <summary>A node whose keys may make 5 requests a second (a burst of 10).</summary>
public sealed class SlowKeysNode : InProcessNode
{
    public const int PermitsPerSecond = 5;

    protected override IEnumerable<string> ExtraArguments => [$"--Truora:RateLimit:PermitsPerSecond={PermitsPerSecond}"];
}

/// <summary>Each API key has a token bucket of its own: one client in a loop is slowed with 429s, and only it.</summary>
public sealed class RateLimitTests(SlowKeysNode node) : IClassFixture<SlowKeysNode>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKeyPastItsBurstGets429WithRetryAfterAndOtherKeysDoNot()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (_, agentKey) = await node.CreateMemberAsync(adminKey);
        using var agent = node.Client(agentKey);

        // At once: one after another on a busy machine, the bucket could refill between them.
        var answers = (await Task.WhenAll(Enumerable.Range(0, 6 * SlowKeysNode.PermitsPerSecond).Select(_ => agent.GetAsync("/v1/me", Cancel)))).ToList();

        using var other = node.Client(adminKey);
        using var otherAnswer = await other.GetAsync("/v1/members", Cancel);
        var limited = answers.Where(answer => answer.StatusCode == HttpStatusCode.TooManyRequests).ToList();

        Assert.NotEmpty(limited);
        Assert.Contains(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.All(limited, answer =>
        {
            Assert.True(answer.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "A 429 without Retry-After seconds.");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(HttpStatusCode.OK, otherAnswer.StatusCode);
        answers.ForEach(answer => answer.Dispose());
    }
}
