using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Conversations;

/// <summary>
/// Answers list pages from the conversations' rows, newest activity first, then id, by keyset: <c>mine</c> is
/// what the caller owns, <c>unassigned</c> what waits in its groups (in the whole tenant for an admin), <c>all</c>
/// what opened in the last <see cref="ConversationOptions.ListDays"/> UTC days.
/// </summary>
[StatelessWorker]
public sealed class ConversationListGrain(
    ConversationStore store,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<ConversationOptions> options) : Grain, IConversationListGrain, ITenantOwnedGrain
{
    private static readonly ConversationStatus[] Waiting = [ConversationStatus.Waiting];

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public async Task<ConversationPage?> ListAsync(ConversationQuery query)
    {
        if (!ListCursor.TryParse(query.Cursor, out var cursor))
        {
            return null;
        }

        var filter = new ConversationFilter(null, null, null, query.Statuses, cursor, query.Limit + 1);
        switch (query.View)
        {
            case ConversationView.Mine:
                if (query.Caller.MemberId is not { } me
                    || await GrainFactory.Reference<IAgentGrain>(EntityId.Key(Tenant, me)).MemberSinceAsync() is not { } since)
                {
                    return new ConversationPage([], null);
                }

                filter = filter with { OwnerId = me, OwnedSince = DomainClock.ToStoredPrecision(since) };
                break;
            case ConversationView.Unassigned:
                filter = filter with { Statuses = Only(query.Statuses, ConversationStatus.Waiting) };
                if (!query.Caller.IsAdmin)
                {
                    var groups = query.Caller.MemberId is { } member
                        ? await GrainFactory.Reference<IAgentGrain>(EntityId.Key(Tenant, member)).ListGroupsAsync()
                        : [];
                    if (groups.Count == 0)
                    {
                        return new ConversationPage([], null);
                    }

                    filter = filter with { GroupIds = [.. groups.Select(group => group.Value)] };
                }

                break;
            default:
                var today = clock.GetUtcNow().UtcDateTime.Date;
                filter = filter with { OpenedSince = new DateTimeOffset(today.AddDays(1 - options.Value.ListDays), TimeSpan.Zero) };
                break;
        }

        if (filter.Statuses.Count == 0 && query.View is ConversationView.Unassigned)
        {
            return new ConversationPage([], null);
        }

        var found = await store.ListAsync(Tenant.Value, filter);
        if (found.Count <= query.Limit)
        {
            return new ConversationPage(found, null);
        }

        var page = found.Take(query.Limit).ToArray();
        return new ConversationPage(page, ListCursor.From(page[^1]));
    }

    /// <summary>The waiting view asks for waiting conversations: of the statuses asked for, at most that one.</summary>
    private static IReadOnlyList<ConversationStatus> Only(IReadOnlyList<ConversationStatus> asked, ConversationStatus status) =>
        asked.Count == 0 || asked.Contains(status) ? Waiting : [];
}
