using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Tests;

namespace Truora.Grains.Tests.Conversations;

/// <summary>A conversation closes itself at its flow's expiry, on the real clock, even with no activation left.</summary>
[Collection(RealClockCollection.Name)]
public sealed class AutoCloseTests(RealClockCluster fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AConversationClosesItselfWhenItsExpiryComes()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, expiresAfter: TimeSpan.FromSeconds(3));

        var after = await Poll.UntilAsync(
            () => tenant.SummaryAsync(conversation.Id), s => s.Status is not ConversationStatus.Waiting, "the conversation to leave waiting at its expiry", Patience);

        Assert.Equal(conversation.OpenedAt + TimeSpan.FromSeconds(3), conversation.ExpiresAt);
        Assert.Equal(ConversationStatus.Closed, after.Status);
        Assert.Equal(ClosedReason.Expired, after.ClosedReason);
        var last = (await tenant.HistoryAsync(conversation.Id))[^1];
        Assert.Equal(HistorySender.System, last.From);
        Assert.Contains("expired", last.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnExpiredConversationNoLongerCountsAgainstItsOwner()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0", expiresAfter: TimeSpan.FromSeconds(3));
        Assert.Equal(1, await tenant.OpenCountAsync("a0"));

        await Poll.UntilAsync(() => tenant.OpenCountAsync("a0"), count => count == 0, "a0 to hold no open conversation", Patience);

        Assert.Equal(ClosedReason.Expired, (await tenant.SummaryAsync(conversation.Id)).ClosedReason);
    }

    [Fact]
    public async Task TheDurableReminderClosesItAfterTheGrainWasDeactivated()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0", expiresAfter: TimeSpan.FromSeconds(5));
        var grainId = tenant.ConversationRouting(conversation.Id).GetGrainId();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        await fixture.Cluster.DeactivateAsync(grainId);
        Assert.DoesNotContain(grainId, await management.GetActiveGrains(grainId.Type, TestContext.Current.CancellationToken));
        // Nothing but the reminder may wake it: reading it here would activate it and start its timer again.
        await Poll.UntilAsync(
            async () => (await management.GetActiveGrains(grainId.Type, TestContext.Current.CancellationToken)).Contains(grainId), active => active,
            "the expiry reminder to reactivate the conversation", TimeSpan.FromSeconds(90));
        var after = await Poll.UntilAsync(
            () => tenant.SummaryAsync(conversation.Id), s => s.Status is ConversationStatus.Closed, "the reactivated conversation to close", TimeSpan.FromSeconds(10));

        Assert.Equal(ClosedReason.Expired, after.ClosedReason);
    }
}
