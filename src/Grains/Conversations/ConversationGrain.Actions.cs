using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
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
        var entries = await store.ReadHistoryAsync(Tenant.Value, Id);
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
        if (conversation.LastUserMessageAt is not { } lastUser || now - lastUser > options.ReplyWindow)
        {
            return ConversationReply.Refused(ConversationOutcome.OutsideWindow,
                "WhatsApp's 24-hour window since the user's last message is closed; send an approved template instead.");
        }

        var messageId = OutboundIds.NewMessage();
        conversation.LastMessageAt = now;
        journal.Append(new HistoryEntry(HistorySender.Agent, text, now, AgentId: caller.MemberId, Delivery: DeliveryState.Pending, MessageId: messageId));
        await SaveAsync();
        await GrainFactory.Reference<IContactOutboxGrain>(EntityId.Key(Tenant, state.State.ContactPhone)).SendTextAsync(Id, messageId, text);
        await PublishAsync();
        return ConversationReply.Ok(Summary());
    }

    public async Task<ConversationReply> AssignAsync(Caller caller, string agentId)
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
            return ConversationReply.Refused(ConversationOutcome.Conflict, $"The conversation is {state.State.Status.ToString().ToLowerInvariant()}.");
        }

        var previous = state.State.OwnerId;
        if (previous == agentId)
        {
            return ConversationReply.Ok(Summary());
        }

        if (await Agent(agentId).TryTakeAsync(Id, Eligibility.AnyStatus) is AgentTake.Refused)
        {
            return ConversationReply.Refused(ConversationOutcome.MemberNotFound, $"There is no member '{agentId}'.");
        }

        var wasWaiting = state.State.Status is ConversationStatus.Waiting;
        BecomeOwned(agentId, previous is null ? $"Assigned to {agentId} by an admin." : $"Transferred from {previous} to {agentId} by an admin.");
        if (previous is not null)
        {
            Notify(previous, AgentEventTypes.Unassigned);
        }

        await SaveAsync();
        if (previous is not null)
        {
            await Agent(previous).ReleaseAsync(Id);
        }

        if (wasWaiting && state.State.GroupId is { } group)
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

        // Still open here: only offers, user messages and delivery reports interleave with this method, and
        // none of them ends a conversation, so the check above holds and the cooldown is charged only for a finish.
        var notice = await FinishNoticeAsync();
        var noticeId = OutboundIds.NewMessage();
        EndConversation(ConversationStatus.Finished, null, $"Finished by {CallerName(caller)}: the user's process ends.");
        journal.Append(new HistoryEntry(HistorySender.Bot, notice, Now, Delivery: DeliveryState.Pending, MessageId: noticeId));
        await SaveAsync();
        await AfterEndAsync(reason: null);
        await Contact().FinishedAsync(Id, state.State.GroupId, noticeId, notice);
        await UnregisterExpiryAsync();
        return ConversationReply.Ok(Summary());
    }

    /// <summary>An agent claims a conversation waiting in one of its groups.</summary>
    private async Task<ConversationReply> ClaimAsync(Caller caller, string agentId)
    {
        if (agentId != caller.MemberId)
        {
            return ConversationReply.Refused(ConversationOutcome.Forbidden, "An agent may only assign a conversation to itself.");
        }

        if (!state.RecordExists || (state.State.OwnerId != agentId && !await InCallerGroupsAsync(caller)))
        {
            return NotFound();
        }

        // Checked again after the await above: a group may have offered it to someone meanwhile.
        if (state.State.Status is not ConversationStatus.Waiting)
        {
            return ConversationReply.Refused(ConversationOutcome.Conflict,
                state.State.OwnerId is { } owner ? $"The conversation is already owned by {owner}." : $"The conversation is {state.State.Status.ToString().ToLowerInvariant()}.");
        }

        // Owned before the await below, so an offer interleaving meanwhile finds it taken.
        state.State.OwnerId = agentId;
        state.State.OwnedSince = Now;
        state.State.Status = ConversationStatus.Assigned;
        if (await Agent(agentId).TryTakeAsync(Id, Eligibility.AnyStatus) is AgentTake.Refused)
        {
            state.State.OwnerId = null;
            state.State.OwnedSince = null;
            state.State.Status = ConversationStatus.Waiting;
            return NotFound();
        }

        journal.Append(SystemEntry($"Claimed by {agentId}."));
        Notify(agentId, AgentEventTypes.Assigned);

        await SaveAsync();
        if (state.State.GroupId is { } group)
        {
            await Group(group).DequeueAsync(Id);
        }

        await PublishAsync();
        return ConversationReply.Ok(Summary());
    }

    /// <summary>Null when the caller may act on this open conversation (its owner, or an admin); else the refusal.</summary>
    private async Task<ConversationReply?> CheckActorAsync(Caller caller)
    {
        if (!await CanSeeAsync(caller))
        {
            return NotFound();
        }

        if (!caller.IsAdmin && state.State.OwnerId != caller.MemberId)
        {
            return ConversationReply.Refused(ConversationOutcome.Forbidden, "Only the conversation's owner or an admin may do this.");
        }

        if (!IsOpen)
        {
            return ConversationReply.Refused(ConversationOutcome.Conflict, $"The conversation is {state.State.Status.ToString().ToLowerInvariant()}.");
        }

        return null;
    }

    /// <summary>Admins see everything; an agent sees what it owns and what waits unassigned in its groups.</summary>
    private async Task<bool> CanSeeAsync(Caller caller)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (caller.IsAdmin || (caller.MemberId is not null && state.State.OwnerId == caller.MemberId))
        {
            return true;
        }

        return state.State.Status is ConversationStatus.Waiting && await InCallerGroupsAsync(caller);
    }

    private async Task<bool> InCallerGroupsAsync(Caller caller) =>
        caller.MemberId is { } member && state.State.GroupId is { } group && (await Agent(member).ListGroupsAsync()).Contains(group);

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

    private ConversationReply NotFound() => ConversationReply.Refused(ConversationOutcome.NotFound, $"There is no conversation '{Id}'.");

    private static string CallerName(Caller caller) => caller.MemberId ?? "the tenant admin";
}
