using Truora.Grains.Events;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Conversations;

/// <summary>What other grains learn from a change: agent events, the owner's index and the tenant's day index.</summary>
public sealed partial class ConversationGrain
{
    /// <summary>
    /// Tells the indexes (the owner's and the tenant's day index) the conversation's current summary, and the
    /// agents the events this change made. These are derived views: the change itself is already saved, so a
    /// silo that cannot be reached right now must not fail it; they are published again shortly instead.
    /// </summary>
    private async Task PublishAsync()
    {
        try
        {
            await PublishNowAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogPublishDeferred(logger, Id, ex.Message);
            republishTimer ??= this.RegisterGrainTimer(static async (grain, _) =>
            {
                grain.republishTimer?.Dispose();
                grain.republishTimer = null;
                await grain.PublishAsync();
            }, this, new GrainTimerCreationOptions(options.RoutingRetry, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private async Task PublishNowAsync()
    {
        if (notices is { Count: > 0 })
        {
            // Let go of the list: most open conversations wait quietly, and it would keep its array.
            var pending = notices.ToArray();
            notices = null;
            for (var i = 0; i < pending.Length; i++)
            {
                try
                {
                    await GrainFactory.PublishAsync(Tenant, pending[i].MemberId, pending[i].Notice);
                }
                catch
                {
                    (notices ??= []).InsertRange(0, pending[i..]);
                    throw;
                }
            }
        }

        var summary = Summary();
        if (published is { } last && last == summary with { LastMessageAt = last.LastMessageAt })
        {
            // Only the activity time moved (a message in a running chat): the lists may learn it a moment later,
            // so a busy chat costs its owner's and the tenant's indexes one write per interval, not one per message.
            activityPublish ??= this.RegisterGrainTimer(static (grain, _) => grain.PublishActivityAsync(), this,
                new GrainTimerCreationOptions(options.ActivityPublishDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }

        if (summary.OwnerId is { } owner)
        {
            await Agent(owner).TrackAsync(new AgentConversation(Id, summary.Status, summary.LastMessageAt));
        }

        await GrainFactory.Reference<IConversationIndexGrain>(ConversationIndexKeys.For(Tenant, summary.OpenedAt)).UpsertAsync(summary);
        published = summary;
    }

    private Task PublishActivityAsync()
    {
        activityPublish?.Dispose();
        activityPublish = null;
        published = null;
        return PublishAsync();
    }

    /// <summary>
    /// An activity time still waiting for its interval is published before the grain goes, unless this is the
    /// last silo shutting down: the indexes have nowhere to run then, and the conversation's own record has the
    /// time (the lists catch up with its next change).
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (activityPublish is not null && !failedTurns.Discarded && shutdown.CanCallOthers(reason))
        {
            // Deactivation is no call: nothing put the tenant in the request context the indexes check.
            TenantContext.Enter(Tenant);
            await PublishActivityAsync();
        }
    }
}
