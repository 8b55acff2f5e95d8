using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Routing;

/// <summary>The waiting queue: handing the oldest conversations to agents that free up, and the backstop sweep.</summary>
public sealed partial class GroupGrain
{
    /// <summary>Hands the oldest waiting conversations to every member that can take them.</summary>
    private async Task DrainAsync()
    {
        foreach (var member in state.State.MemberIds.ToArray())
        {
            await DrainToAsync(AgentId.Parse(member));
        }
    }

    private async Task DrainToAsync(AgentId agentId)
    {
        var changed = false;
        foreach (var ticket in state.State.Waiting.ToArray())
        {
            // A drain that re-entered while this one waited (below) may have handed it already.
            if (!Rotates(ticket) || !state.State.Waiting.Contains(ticket))
            {
                continue;
            }

            var take = await TryTakeAsync(agentId, ticket.ConversationId, EligibilityOf(ticket.Mode));
            if (take is AgentTake.Refused)
            {
                break;
            }

            state.State.Waiting.Remove(ticket);
            metrics.QueueChanged(Tenant.Value, -1);
            changed = true;
            if (!await Conversation(ticket.ConversationId).OfferAsync(agentId, Id))
            {
                // Claimed, assigned or closed meanwhile: give back what this drain took, and only that.
                if (take is AgentTake.Taken)
                {
                    await Agent(agentId).ReleaseAsync(ticket.ConversationId, offerToGroups: false);
                }
            }
            else
            {
                LogHandedFromQueue(logger, ticket.ConversationId, agentId);
            }
        }

        if (changed)
        {
            await writer.WriteAsync();
        }
    }

    /// <summary>
    /// A backstop for lost wake-ups (a silo died between an agent's status change and its call here):
    /// while conversations wait for rotation, every member is offered them on a slow period.
    /// </summary>
    private void ScheduleDrain()
    {
        var rotating = state.State.Waiting.Exists(Rotates);
        if (rotating && drainTimer is null)
        {
            var period = options.Value.WaitingQueueSweep;
            drainTimer = this.RegisterGrainTimer(static (grain, _) => grain.SweepAsync(), this,
                new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }
    }

    /// <summary>Whether a waiting conversation is the queue's to hand out; the others wait for a claim or an assignment.</summary>
    private static bool Rotates(HandoffTicket ticket) => ticket.Mode is not RotationMode.None;

    private async Task SweepAsync()
    {
        await DrainAsync();
        if (!state.State.Waiting.Exists(Rotates))
        {
            drainTimer?.Dispose();
            drainTimer = null;
        }
    }
}
