using Truora.Grains.Conversations;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Tests.Tenants;

namespace Truora.Grains.Tests.Conversations;

[Collection(FakeClockCollection.Name)]
public sealed class FinishCooldownTests(FakeClockCluster fixture)
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 15)]
    [InlineData(4, 30)]
    [InlineData(5, 30)]
    [InlineData(6, 30)]
    public void TheWaitAfterEachFinishClimbsTheLadder(int finishes, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), FinishCooldownGrain.CooldownAfter(finishes));

    [Fact]
    public async Task EachFinishLengthensTheNextCooldownUpToThirtyMinutes()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var agent = tenant.AgentCaller("a0");
        await FinishesAsync(tenant, agent);

        var cooldowns = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var conversation = await OpenForAsync(tenant, "a0");
            var refused = await tenant.Conversation(conversation.Id).FinishAsync(agent);
            Assert.Equal(ConversationOutcome.CooldownActive, refused.Outcome);
            var wait = refused.RetryAfter ?? TimeSpan.Zero;
            cooldowns.Add(wait);

            fixture.Clock.Advance(wait);
            Assert.Equal(ConversationOutcome.Ok, (await tenant.Conversation(conversation.Id).FinishAsync(agent)).Outcome);
        }

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)], cooldowns);
    }

    [Fact]
    public async Task AFinishDuringTheCooldownIsRefusedWithTheRemainingTimeAndLeavesTheConversationAssigned()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var agent = tenant.AgentCaller("a0");
        await FinishesAsync(tenant, agent);
        var conversation = await OpenForAsync(tenant, "a0");

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var refused = await tenant.Conversation(conversation.Id).FinishAsync(agent);
        var after = await tenant.SummaryAsync(conversation.Id);

        Assert.Equal(ConversationOutcome.CooldownActive, refused.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(3), refused.RetryAfter);
        Assert.Equal(ConversationStatus.Assigned, refused.Conversation?.Status);
        Assert.Equal(ConversationStatus.Assigned, after.Status);
        Assert.Equal("a0", after.OwnerId);
        Assert.DoesNotContain(await tenant.HistoryAsync(conversation.Id), entry => entry.From is HistorySender.Bot);
    }

    [Fact]
    public async Task AFinishGoesThroughOnceTheCooldownHasPassed()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var agent = tenant.AgentCaller("a0");
        await FinishesAsync(tenant, agent);
        var conversation = await OpenForAsync(tenant, "a0");

        fixture.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var early = await tenant.Conversation(conversation.Id).FinishAsync(agent);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var onTime = await tenant.Conversation(conversation.Id).FinishAsync(agent);

        Assert.Equal(TimeSpan.FromSeconds(1), early.RetryAfter);
        Assert.Equal(ConversationOutcome.Ok, onTime.Outcome);
        Assert.Equal(ConversationStatus.Finished, (await tenant.SummaryAsync(conversation.Id)).Status);
    }

    [Fact]
    public async Task TheLadderResetsAfterADayWithoutAFinish()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var agent = tenant.AgentCaller("a0");
        await FinishesAsync(tenant, agent);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await FinishesAsync(tenant, agent);

        fixture.Clock.Advance(TimeSpan.FromHours(24));
        await FinishesAsync(tenant, agent);

        Assert.Equal(TimeSpan.FromMinutes(5), await RefusedWaitAsync(tenant, "a0", agent));
    }

    [Fact]
    public async Task TheLadderKeepsClimbingWithinADay()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var agent = tenant.AgentCaller("a0");
        await FinishesAsync(tenant, agent);

        fixture.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        await FinishesAsync(tenant, agent);

        Assert.Equal(TimeSpan.FromMinutes(10), await RefusedWaitAsync(tenant, "a0", agent));
    }

    [Fact]
    public async Task TheTenantAdminKeyHasALadderOfItsOwn()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var agent = tenant.AgentCaller("a0");
        await FinishesAsync(tenant, agent);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await FinishesAsync(tenant, agent);

        await FinishesAsync(tenant, tenant.Admin, owner: "a0");

        Assert.Equal(TimeSpan.FromMinutes(5), await RefusedWaitAsync(tenant, "a0", tenant.Admin));
        Assert.Equal(TimeSpan.FromMinutes(10), await RefusedWaitAsync(tenant, "a0", agent));
    }

    [Fact]
    public async Task TwoAgentsDoNotShareALadder()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(2);
        var first = tenant.AgentCaller("a0");
        var second = tenant.AgentCaller("a1");
        await FinishesAsync(tenant, first);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await FinishesAsync(tenant, first);

        await FinishesAsync(tenant, second);

        Assert.Equal(TimeSpan.FromMinutes(5), await RefusedWaitAsync(tenant, "a1", second));
        Assert.Equal(TimeSpan.FromMinutes(10), await RefusedWaitAsync(tenant, "a0", first));
    }

    private Task<ConversationSummary> OpenForAsync(TenantScope tenant, string owner) =>
        tenant.HandOffAsync(RotationMode.Specific, agent: owner, at: fixture.Now);

    /// <summary>Opens a conversation owned by the caller (or <paramref name="owner"/>) and finishes it as the caller.</summary>
    private async Task FinishesAsync(TenantScope tenant, Caller caller, string? owner = null)
    {
        var conversation = await OpenForAsync(tenant, owner ?? caller.MemberId!);
        var reply = await tenant.Conversation(conversation.Id).FinishAsync(caller);
        Assert.Equal(ConversationOutcome.Ok, reply.Outcome);
    }

    /// <summary>How long a finish tried now would have to wait.</summary>
    private async Task<TimeSpan?> RefusedWaitAsync(TenantScope tenant, string owner, Caller caller)
    {
        var conversation = await OpenForAsync(tenant, owner);
        var reply = await tenant.Conversation(conversation.Id).FinishAsync(caller);
        Assert.Equal(ConversationOutcome.CooldownActive, reply.Outcome);
        return reply.RetryAfter;
    }
}
