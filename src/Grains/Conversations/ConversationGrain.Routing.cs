using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Conversations;

/// <summary>
/// Opening and routing: the hand-off's conversation finds its first owner through its group (or a group's queue
/// offers it one), and goes back to its group when its owner is deleted.
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task<ConversationSummary> OpenAsync(ConversationOpening opening)
    {
        if (Exists)
        {
            // A repeated opening (the contact retrying after a failure) finishes what the first one started, the
            // durable expiry included: the first attempt may have failed before registering it, or with its state
            // stored but not its history (the two are separate writes).
            if (journal.IsEmpty)
            {
                AppendOpeningHistory(opening);
                await SaveAsync();
            }

            await ArmExpiryAsync();
            await CompleteRoutingAsync();
            return Summary();
        }

        ConversationLifecycle.Open(state.State, opening, Now, options.MaxOpen);
        if (journal.IsEmpty)
        {
            AppendOpeningHistory(opening);
        }

        openingStarted = true;
        // The first write, the durable expiry and the routing overlap: the routing's own write queues behind the
        // first, agents hear of it only once both are stored, and the contact repeats an opening that failed, which
        // (on a fresh activation, this one being discarded) finishes whatever was cut short.
        await Task.WhenAll(SaveAsync(), ArmExpiryAsync(), CompleteRoutingAsync());

        metrics.OpenChanged(Tenant.Value, +1);
        LogOpened(logger, Id, opening.Mode, opening.GroupId, state.State.OwnerId);
        return Summary();
    }

    private void AppendOpeningHistory(ConversationOpening opening)
    {
        foreach (var entry in opening.Transcript)
        {
            journal.Append(entry, transcribed: true);
        }

        journal.Append(SystemEntry(opening.GroupId is null ? "Handed off to an agent." : $"Handed off to group {opening.GroupId}."));
    }

    /// <summary>
    /// Routes the opening once: the owner, or a place in the group's queue. If a silo dies under it, the
    /// opening stays pending in state and the expiry reminder's ticks (or a retried opening) try again.
    /// </summary>
    private async Task CompleteRoutingAsync()
    {
        if (state.State.PendingRoute is not { } opening || !IsOpen)
        {
            return;
        }

        AgentId? owner;
        try
        {
            owner = await RouteAsync(opening);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogRoutingDeferred(logger, Id, ex.Message);
            ScheduleRoutingRetry();
            return;
        }

        state.State.PendingRoute = null;
        if (owner is { } taker && state.State.Status is ConversationStatus.Waiting)
        {
            BecomeOwned(taker, $"Assigned to {taker}.");
        }

        await SaveAsync();
        metrics.HandedOff(opening.Mode, owner is not null);
        await PublishAsync();
    }

    private void ScheduleRoutingRetry() =>
        this.RegisterGrainTimer(static (grain, _) => grain.CompleteRoutingAsync(), this,
            new GrainTimerCreationOptions(options.RoutingRetry, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    public async Task<bool> OfferAsync(AgentId agentId, GroupId groupId)
    {
        if (!Exists || state.State.Status is not ConversationStatus.Waiting)
        {
            return false;
        }

        BecomeOwned(agentId, $"Assigned to {agentId} from the waiting queue of group {groupId}.");
        await SaveAsync();
        await PublishAsync();
        return true;
    }

    public async Task ReturnToRoutingAsync(AgentId formerOwnerId)
    {
        if (!IsOpen || state.State.OwnerId != formerOwnerId.Value)
        {
            return;
        }

        ConversationLifecycle.Disown(state.State);
        journal.Append(SystemEntry($"Unassigned from {formerOwnerId}: the member was deleted; back to routing."));
        await SaveAsync();
        if (GroupOfConversation is { } group
            && await Group(group).HandOffAsync(new HandoffTicket(Id, state.State.Mode, Now)) is { } owner
            && state.State.Status is ConversationStatus.Waiting)
        {
            BecomeOwned(owner, $"Assigned to {owner}.");
            await SaveAsync();
        }

        await PublishAsync();
    }

    /// <summary>
    /// Finds the first owner through the group, which tries the named agent first and rotates or queues by the mode;
    /// without a group only the named agent can take it. Null leaves it waiting.
    /// </summary>
    private async Task<AgentId?> RouteAsync(ConversationOpening opening)
    {
        var named = opening.PreferredOwnerId ?? (opening.Mode is RotationMode.Specific ? opening.AgentId : null);
        var owner = opening.GroupId is { } group
            ? await Group(group).HandOffAsync(new HandoffTicket(Id, opening.Mode, Now, named))
            : named is { } agent && await Agent(agent).TryTakeAsync(Id, Eligibility.Any) is not AgentTake.Refused ? agent : null;
        if (owner is null && named is not null)
        {
            journal.Append(SystemEntry($"Agent {named} is no longer a member; the conversation waits for an assignment."));
        }

        if (owner is null && opening.GroupId is { } waitingIn)
        {
            journal.Append(SystemEntry($"Waiting for an agent in group {waitingIn}."));
        }

        return owner;
    }
}
