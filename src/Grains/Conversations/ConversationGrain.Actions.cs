using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Conversations;

/// <summary>The agent suite's actions, each deciding what its caller may see (404) and do (403).</summary>
public sealed partial class ConversationGrain
{
    public async Task<ConversationDetails?> GetAsync(Caller caller)
    {
        if (!await CanSeeAsync(caller))
        {
            return null;
        }

        // What this activation has asked to store is waited for, so a caller reads the change it just saw made (a close
        // whose summary it was shown); then the table has it.
        await recorder.InFlight;
        var entries = await store.ReadHistoryAsync(Tenant.Value, Id.Value);
        return new ConversationDetails(Summary(), entries, new Dictionary<string, string>(state.State.Variables, StringComparer.Ordinal));
    }

    public async Task<ConversationReply> SendAgentMessageAsync(Caller caller, string text)
    {
        if (await CheckActorAsync(caller) is { } refused)
        {
            return refused;
        }

        var conversation = state.State;
        var now = Now;
        if (ConversationLifecycle.CheckReply(conversation, now, options.ReplyWindow) is { } outsideWindow)
        {
            return outsideWindow;
        }

        var messageId = OutboundIds.NewMessage();
        conversation.LastMessageAt = now;
        journal.Append(new HistoryEntry(HistorySender.Agent, text, now, AgentId: caller.MemberId, Delivery: DeliveryState.Pending, MessageId: messageId));
        await SaveAsync();
        await ContactOutbox().SendTextAsync(Id, new OutboundText(messageId, text));
        await PublishAsync();
        return ConversationReply.Ok(Summary());
    }

    public async Task<ConversationReply> AssignAsync(Caller caller, AgentId agentId)
    {
        if (!caller.IsAdmin)
        {
            return await ClaimAsync(caller, agentId);
        }

        if (!state.RecordExists)
        {
            return NotFound();
        }

        if (!IsOpen)
        {
            return ConversationLifecycle.NotOpen(state.State);
        }

        var previous = Owner;
        if (previous == agentId)
        {
            return ConversationReply.Ok(Summary());
        }

        if (await Agent(agentId).TryTakeAsync(Id, Eligibility.Any) is AgentTake.Refused)
        {
            return ConversationReply.Refused(ConversationOutcome.MemberNotFound, $"There is no member '{agentId}'.");
        }

        // Read again: a group's offer may have given it to someone meanwhile, who must let go of it too.
        previous = Owner;
        if (previous == agentId)
        {
            return ConversationReply.Ok(Summary());
        }

        var wasWaiting = state.State.Status is ConversationStatus.Waiting;
        BecomeOwned(agentId, previous is null ? $"Assigned to {agentId} by an admin." : $"Transferred from {previous} to {agentId} by an admin.");
        if (previous is { } notified)
        {
            Notify(notified, AgentEventTypes.Unassigned);
        }

        await SaveAsync();
        if (previous is { } released)
        {
            await Agent(released).ReleaseAsync(Id, offerToGroups: true);
        }

        if (wasWaiting && GroupOfConversation is { } group)
        {
            await Group(group).DequeueAsync(Id);
        }

        await PublishAsync();
        return ConversationReply.Ok(Summary());
    }

    public async Task<ConversationReply> CloseAsync(Caller caller)
    {
        if (await CheckActorAsync(caller) is { } refused)
        {
            return refused;
        }

        EndConversation(ConversationStatus.Closed, ClosedReason.Agent, $"Closed by {CallerName(caller)}.");
        await SaveAsync();
        await AfterEndAsync(ClosedReason.Agent);
        await UnregisterExpiryAsync();
        return ConversationReply.Ok(Summary());
    }

    public async Task<ConversationReply> FinishAsync(Caller caller)
    {
        if (await CheckActorAsync(caller) is { } refused)
        {
            return refused;
        }

        var cooldownKey = EntityId.Key(Tenant, caller.MemberId ?? FinishCooldownGrain.TenantAdminCaller);
        if (await GrainFactory.Reference<IFinishCooldownGrain>(cooldownKey).TryFinishAsync() is { } retryAfter)
        {
            metrics.FinishRefused();
            return new ConversationReply(ConversationOutcome.CooldownActive, Summary(),
                $"Finish is cooling down for this caller; try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.", retryAfter);
        }

        // Still open here: only offers, user messages, delivery reports and summaries interleave with this method,
        // and none of them ends a conversation, so the check above holds and the cooldown is charged only for a finish.
        var notice = await FinishNoticeAsync();
        var noticeId = OutboundIds.NewMessage();
        EndConversation(ConversationStatus.Finished, null, $"Finished by {CallerName(caller)}: the user's process ends.");
        journal.Append(new HistoryEntry(HistorySender.Bot, notice, Now, Delivery: DeliveryState.Pending, MessageId: noticeId));
        await SaveAsync();
        await AfterEndAsync(reason: null);
        await Contact().FinishedAsync(Id, GroupOfConversation, new OutboundText(noticeId, notice));
        await UnregisterExpiryAsync();
        return ConversationReply.Ok(Summary());
    }

    /// <summary>An agent claims a conversation waiting in one of its groups.</summary>
    private async Task<ConversationReply> ClaimAsync(Caller caller, AgentId agentId)
    {
        if (agentId.Value == caller.MemberId && !state.RecordExists)
        {
            return NotFound();
        }

        var inCallerGroups = agentId.Value == caller.MemberId && ConversationLifecycle.ClaimAsksCallerGroups(state.State, agentId)
            && await InCallerGroupsAsync(caller);
        // Judged after the await above, on the state as it is now: a group may have offered it to someone meanwhile.
        if (ConversationLifecycle.CheckClaim(Id, state.State, caller, agentId, inCallerGroups) is { } refused)
        {
            return refused;
        }

        ConversationLifecycle.Reserve(state.State, agentId, Now);
        if (await Agent(agentId).TryTakeAsync(Id, Eligibility.Any) is AgentTake.Refused)
        {
            ConversationLifecycle.Disown(state.State);
            return NotFound();
        }

        journal.Append(SystemEntry($"Claimed by {agentId}."));
        Notify(agentId, AgentEventTypes.Assigned);

        await SaveAsync();
        if (GroupOfConversation is { } group)
        {
            await Group(group).DequeueAsync(Id);
        }

        await PublishAsync();
        return ConversationReply.Ok(Summary());
    }

    /// <summary>Null when the caller may act on this open conversation (its owner, or an admin); else the refusal.</summary>
    private async Task<ConversationReply?> CheckActorAsync(Caller caller)
    {
        if (!state.RecordExists)
        {
            return NotFound();
        }

        var inCallerGroups = await InCallerGroupsIfAskedAsync(caller);
        return ConversationLifecycle.CheckActor(Id, state.State, caller, inCallerGroups);
    }

    private async Task<bool> CanSeeAsync(Caller caller) =>
        state.RecordExists && ConversationLifecycle.CanSee(state.State, caller, await InCallerGroupsIfAskedAsync(caller));

    private async Task<bool> InCallerGroupsIfAskedAsync(Caller caller) =>
        ConversationLifecycle.AsksCallerGroups(state.State, caller) && await InCallerGroupsAsync(caller);

    private async Task<bool> InCallerGroupsAsync(Caller caller) =>
        caller.MemberId is { } member && GroupOfConversation is { } group && (await Agent(AgentId.Parse(member)).ListGroupsAsync()).Contains(group);

    private async Task<string> FinishNoticeAsync()
    {
        var channel = await GrainFactory.Reference<IWhatsAppChannelGrain>(Tenant.Value).GetAsync();
        return channel?.FinishMessage is { Length: > 0 } configured ? configured : options.DefaultFinishMessage;
    }

    private async Task UnregisterExpiryAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private ConversationReply NotFound() => ConversationLifecycle.NotFound(Id);

    private static string CallerName(Caller caller) => caller.MemberId ?? "the tenant admin";
}
