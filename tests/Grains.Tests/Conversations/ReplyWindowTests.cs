using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Tests.Tenants;

namespace Truora.Grains.Tests.Conversations;

/// <summary>
/// WhatsApp's 24-hour window runs from Meta's timestamp on the user's latest message. Each conversation here
/// opens with that message 12 hours old, so the clock never passes the conversation's own 24-hour expiry.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class ReplyWindowTests(FakeClockCluster fixture)
{
    private static readonly TimeSpan HalfADay = TimeSpan.FromHours(12);

    [Fact]
    public async Task AnOwnersMessageJustInsideTheWindowIsSent()
    {
        var (tenant, conversation) = await OpenOwnedAsync();

        fixture.Clock.Advance(HalfADay - TimeSpan.FromMinutes(1));
        var reply = await tenant.Conversation(conversation.Id).SendAgentMessageAsync(tenant.AgentCaller("a0"), "Hello, how can I help?");

        Assert.Equal(ConversationOutcome.Ok, reply.Outcome);
        Assert.Contains(await tenant.HistoryAsync(conversation.Id),
            entry => entry.From is HistorySender.Agent && entry.AgentId == "a0" && entry.Text == "Hello, how can I help?");
    }

    [Fact]
    public async Task AnOwnersMessageAfterTheWindowIsRefused()
    {
        var (tenant, conversation) = await OpenOwnedAsync();

        fixture.Clock.Advance(HalfADay + TimeSpan.FromMinutes(1));
        var reply = await tenant.Conversation(conversation.Id).SendAgentMessageAsync(tenant.AgentCaller("a0"), "Hello?");

        Assert.Equal(ConversationOutcome.OutsideWindow, reply.Outcome);
        Assert.DoesNotContain(await tenant.HistoryAsync(conversation.Id), entry => entry.From is HistorySender.Agent);
    }

    [Fact]
    public async Task ANewerUserMessageReopensTheWindow()
    {
        var (tenant, conversation) = await OpenOwnedAsync();
        fixture.Clock.Advance(HalfADay + TimeSpan.FromMinutes(1));

        Assert.True(await tenant.UserWritesAsync(conversation, fixture.Now));
        var reply = await tenant.Conversation(conversation.Id).SendAgentMessageAsync(tenant.AgentCaller("a0"), "Welcome back.");

        Assert.Equal(ConversationOutcome.Ok, reply.Outcome);
    }

    [Fact]
    public async Task ALateRetryCarryingAnOlderTimestampDoesNotReopenTheWindow()
    {
        var (tenant, conversation) = await OpenOwnedAsync();
        var lastUserMessageAt = fixture.Now - HalfADay;
        fixture.Clock.Advance(HalfADay + TimeSpan.FromMinutes(1));

        Assert.True(await tenant.UserWritesAsync(conversation, lastUserMessageAt - TimeSpan.FromMinutes(5)));
        var reply = await tenant.Conversation(conversation.Id).SendAgentMessageAsync(tenant.AgentCaller("a0"), "Hello?");

        Assert.Equal(ConversationOutcome.OutsideWindow, reply.Outcome);
    }

    /// <summary>A conversation owned by a0 whose user last wrote 12 hours ago.</summary>
    private async Task<(TenantScope Tenant, ConversationSummary Conversation)> OpenOwnedAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0", at: fixture.Now - HalfADay);
        return (tenant, conversation);
    }
}
