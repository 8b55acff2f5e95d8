using Truora.Grains.Events;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Conversations;

/// <summary>What other grains learn from a change: agent events, and the owner's view of what it holds.</summary>
public sealed partial class ConversationGrain
{
    /// <summary>
    /// Tells the agents the events this change made, and the owner its conversation's status (a close frees its
    /// capacity). The change itself is already saved, so a silo that cannot be reached right now must not fail it;
    /// these are published again shortly instead. The lists need no telling: the row is committed with the change.
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
                    await GrainFactory.PublishAsync(Tenant, pending[i].AgentId, pending[i].Notice);
                }
                catch
                {
                    (notices ??= []).InsertRange(0, pending[i..]);
                    throw;
                }
            }
        }

        var news = (state.State.Status, state.State.OwnerId);
        if (published == news)
        {
            return;
        }

        if (Owner is { } owner)
        {
            await Agent(owner).TrackAsync(new AgentConversation(Id, state.State.Status, state.State.LastMessageAt));
        }

        published = news;
    }
}
