using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Truora.Grains.Access;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Conversations;

/// <summary>
/// Builds list pages from the indexes: an agent's own index for <c>mine</c>, its groups' queues for its
/// <c>unassigned</c>, and the tenant's day indexes for admins. Newest activity first, then id.
/// </summary>
[StatelessWorker]
public sealed class ConversationListGrain([FromKeyedServices(DomainClock.Key)] TimeProvider clock, IOptions<ConversationOptions> options)
    : Grain, IConversationListGrain, ITenantOwnedGrain
{
    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public async Task<ConversationPage?> ListAsync(ConversationQuery query)
    {
        if (!ListCursor.TryParse(query.Cursor, out var cursor))
        {
            return null;
        }

        var candidates = query.View switch
        {
            ConversationView.Mine => await MineAsync(query.Caller.MemberId),
            ConversationView.Unassigned => query.Caller.IsAdmin
                ? (await DayIndexesAsync(days: 2)).Where(summary => summary.Status is ConversationStatus.Waiting)
                : await WaitingInGroupsAsync(query.Caller.MemberId),
            _ => await DayIndexesAsync(options.Value.ListDays),
        };

        var page = candidates
            .Where(summary => query.Statuses.Count == 0 || query.Statuses.Contains(summary.Status))
            .Where(summary => cursor is not { } after || after.Precedes(summary))
            .OrderByDescending(summary => summary.LastMessageAt)
            .ThenByDescending(summary => summary.Id, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();

        var more = page.Count > query.Limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        return new ConversationPage(page, more ? ListCursor.From(page[^1]) : null);
    }

    private async Task<IEnumerable<ConversationSummary>> MineAsync(string? memberId)
    {
        if (memberId is null)
        {
            return [];
        }

        var owned = await GrainFactory.Reference<IAgentGrain>(EntityId.Key(Tenant, memberId)).ListConversationsAsync();
        var summaries = await Summaries(owned.Select(entry => entry.ConversationId));
        // The conversation is the truth; the index may lag a transfer by a moment.
        return summaries.Where(summary => summary.OwnerId == memberId);
    }

    private async Task<IEnumerable<ConversationSummary>> WaitingInGroupsAsync(string? memberId)
    {
        if (memberId is null)
        {
            return [];
        }

        var groups = await GrainFactory.Reference<IAgentGrain>(EntityId.Key(Tenant, memberId)).ListGroupsAsync();
        var waiting = await Task.WhenAll(groups.Select(group =>
            GrainFactory.Reference<IGroupRoutingGrain>(EntityId.Key(Tenant, group)).ListWaitingAsync()));
        var summaries = await Summaries(waiting.SelectMany(ids => ids).Distinct(StringComparer.Ordinal));
        return summaries.Where(summary => summary.Status is ConversationStatus.Waiting);
    }

    private async Task<IEnumerable<ConversationSummary>> DayIndexesAsync(int days)
    {
        var today = clock.GetUtcNow();
        var lists = await Task.WhenAll(Enumerable.Range(0, days).Select(back =>
            GrainFactory.Reference<IConversationIndexGrain>(ConversationIndexKeys.For(Tenant, today.AddDays(-back))).ListAsync()));
        return lists.SelectMany(list => list);
    }

    private async Task<IEnumerable<ConversationSummary>> Summaries(IEnumerable<string> ids)
    {
        var summaries = await Task.WhenAll(ids.Select(id =>
            GrainFactory.Reference<IConversationRoutingGrain>(EntityId.Key(Tenant, id)).GetSummaryAsync()));
        return summaries.OfType<ConversationSummary>();
    }
}
