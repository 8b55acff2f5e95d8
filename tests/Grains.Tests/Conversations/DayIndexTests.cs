using Truora.Grains.Conversations;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Routing;

namespace Truora.Grains.Tests.Conversations;

/// <summary>
/// The tenant's day index is stored in slices, and a running chat's activity reaches it in batches: neither may
/// lose a summary or leave the lists behind for good.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class DayIndexTests(RoutingCluster fixture)
{
    [Fact]
    public async Task EverySliceIsReadBackAfterTheIndexIsDeactivated()
    {
        var tenant = await fixture.NewTenantAsync();
        var openedAt = DateTimeOffset.UtcNow;
        var index = tenant.Enter().GetGrain<IConversationIndexGrain>(ConversationIndexKeys.For(tenant.Tenant, openedAt));
        var summaries = Enumerable.Range(0, 3 * ConversationIndexGrain.SliceCount)
            .Select(i => new ConversationSummary($"c{i:D4}", "573000000000", null, ConversationStatus.Waiting, null, "g", openedAt, openedAt.AddHours(24), openedAt, null, null))
            .ToArray();
        await Task.WhenAll(summaries.Select(index.UpsertAsync));
        var changed = summaries[7] with { Status = ConversationStatus.Assigned, OwnerId = "a0" };
        await index.UpsertAsync(changed);

        await fixture.Cluster.DeactivateAsync(index);
        var listed = await index.ListAsync();

        Assert.Equal(summaries.Length, listed.Count);
        Assert.Equal(summaries.Select(s => s.Id).Order(), listed.Select(s => s.Id).Order());
        Assert.Equal(changed, listed.Single(s => s.Id == changed.Id));
    }

    [Fact]
    public async Task AnActivityTimeWaitingForItsBatchIsPublishedWhenTheConversationIsDeactivated()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var opened = await tenant.HandOffAsync(RotationMode.Available, group);
        var conversation = tenant.ConversationRouting(opened.Id);
        var sentAt = DateTimeOffset.UtcNow;
        Assert.True(await conversation.AppendUserMessageAsync(new InboundMessage("wamid.later", "573000000000", null, sentAt, "one more thing", InboundMessageKinds.Text)));
        var current = await conversation.GetSummaryAsync();

        await fixture.Cluster.DeactivateAsync(conversation);

        var index = tenant.Enter().GetGrain<IConversationIndexGrain>(ConversationIndexKeys.For(tenant.Tenant, opened.OpenedAt));
        var listed = (await index.ListAsync()).Single(s => s.Id == opened.Id);
        Assert.True(current!.LastMessageAt > opened.LastMessageAt);
        Assert.Equal(current.LastMessageAt, listed.LastMessageAt);
    }
}
