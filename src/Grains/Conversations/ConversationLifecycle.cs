using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Conversations;

/// <summary>
/// The rules of a conversation's life, without a grain or any I/O: who may see it and act on it, which moves its
/// status allows, and what each move changes. A move changes the state and lists what follows in
/// <see cref="LifecycleEffects"/>; the grain stores the change, then carries the effects out. Whether a conversation
/// exists, and anything another grain must answer (an agent taking it, the caller's groups), the grain asks first.
/// </summary>
public static class ConversationLifecycle
{
    public static bool IsOpen(ConversationState conversation) =>
        conversation.Status is ConversationStatus.Waiting or ConversationStatus.Assigned;

    /// <summary>Whether judging the caller needs its groups: only for an agent that does not own a waiting conversation.</summary>
    public static bool AsksCallerGroups(ConversationState conversation, Caller caller) =>
        !caller.IsAdmin && conversation.OwnerId != caller.MemberId && conversation.Status is ConversationStatus.Waiting;

    /// <summary>Admins see everything; an agent sees what it owns and what waits unassigned in its groups.</summary>
    public static bool CanSee(ConversationState conversation, Caller caller, bool inCallerGroups) =>
        caller.IsAdmin
        || (caller.MemberId is not null && conversation.OwnerId == caller.MemberId)
        || (conversation.Status is ConversationStatus.Waiting && inCallerGroups);

    /// <summary>Null when the caller may act on the conversation (its owner, or an admin) and it is open; else the refusal.</summary>
    public static ConversationReply? CheckActor(ConversationId id, ConversationState conversation, Caller caller, bool inCallerGroups)
    {
        if (!CanSee(conversation, caller, inCallerGroups))
        {
            return NotFound(id);
        }

        if (!caller.IsAdmin && conversation.OwnerId != caller.MemberId)
        {
            return ConversationReply.Refused(ConversationOutcome.Forbidden, "Only the conversation's owner or an admin may do this.");
        }

        return IsOpen(conversation) ? null : NotOpen(conversation);
    }

    /// <summary>An agent's message needs WhatsApp's window: 24 hours from the user's latest message.</summary>
    public static ConversationReply? CheckReply(ConversationState conversation, DateTimeOffset now, TimeSpan window) =>
        conversation.LastUserMessageAt is { } lastUser && now - lastUser <= window
            ? null
            : ConversationReply.Refused(ConversationOutcome.OutsideWindow,
                "WhatsApp's 24-hour window since the user's last message is closed; send an approved template instead.");

    /// <summary>Whether judging a claim needs the caller's groups: unless it claims what it owns already.</summary>
    public static bool ClaimAsksCallerGroups(ConversationState conversation, AgentId agentId) => conversation.OwnerId != agentId.Value;

    /// <summary>An agent claims only for itself, only what waits in its groups (or is its own), only while it waits.</summary>
    public static ConversationReply? CheckClaim(ConversationId id, ConversationState conversation, Caller caller, AgentId agentId, bool inCallerGroups)
    {
        if (agentId.Value != caller.MemberId)
        {
            return ConversationReply.Refused(ConversationOutcome.Forbidden, "An agent may only assign a conversation to itself.");
        }

        if (conversation.OwnerId != agentId.Value && !inCallerGroups)
        {
            return NotFound(id);
        }

        if (conversation.Status is ConversationStatus.Waiting)
        {
            return null;
        }

        return conversation.OwnerId is { } owner
            ? ConversationReply.Refused(ConversationOutcome.Conflict, $"The conversation is already owned by {owner}.")
            : NotOpen(conversation);
    }

    /// <summary>The conversation a hand-off opens: waiting, living the flow's expiry or the longest a conversation may.</summary>
    public static void Open(ConversationState conversation, ConversationOpening opening, DateTimeOffset now, TimeSpan maxOpen)
    {
        var lifetime = opening.ExpiresAfter is { } expiresAfter && expiresAfter < maxOpen ? expiresAfter : maxOpen;
        conversation.ContactPhone = opening.ContactPhone.Value;
        conversation.ContactName = opening.ContactName;
        conversation.Status = ConversationStatus.Waiting;
        conversation.GroupId = opening.GroupId?.Value;
        conversation.Mode = opening.Mode;
        conversation.OpenedAt = now;
        conversation.ExpiresAt = now + lifetime;
        conversation.LastMessageAt = now;
        conversation.LastUserMessageAt = opening.LastUserMessageAt is { } lastUser ? DomainClock.ToStoredPrecision(lastUser) : null;
        conversation.Variables = new Dictionary<string, string>(opening.Variables, StringComparer.Ordinal);
        conversation.PendingRoute = opening;
    }

    /// <summary>The conversation gets an owner; the first one dates how long it waited.</summary>
    public static void Own(ConversationState conversation, AgentId owner, string note, DateTimeOffset now, LifecycleEffects effects)
    {
        if (conversation.FirstAssignedAt is null)
        {
            conversation.FirstAssignedAt = now;
            effects.FirstAssignmentAfter = now - conversation.OpenedAt;
        }

        conversation.OwnerId = owner.Value;
        conversation.OwnedSince = now;
        conversation.Status = ConversationStatus.Assigned;
        effects.Notes.Add(note);
        effects.Notices.Add((owner, AgentEventTypes.Assigned));
    }

    /// <summary>
    /// Taken by a claimant before it is confirmed, so an offer interleaving meanwhile finds it taken; a claim does not
    /// date the first assignment, which the rotations and an admin's assignment do.
    /// </summary>
    public static void Reserve(ConversationState conversation, AgentId owner, DateTimeOffset now)
    {
        conversation.OwnerId = owner.Value;
        conversation.OwnedSince = now;
        conversation.Status = ConversationStatus.Assigned;
    }

    /// <summary>The owner lets go (a claim that fell through, a member deleted): the conversation waits again.</summary>
    public static void Disown(ConversationState conversation)
    {
        conversation.OwnerId = null;
        conversation.OwnedSince = null;
        conversation.Status = ConversationStatus.Waiting;
    }

    /// <summary>A close or finish: the owner hears of it, and nothing moves the conversation any more.</summary>
    public static void End(ConversationState conversation, ConversationStatus status, ClosedReason? reason, string note, DateTimeOffset now, LifecycleEffects effects)
    {
        if (conversation.OwnerId is { } owner)
        {
            effects.Notices.Add((AgentId.Parse(owner), status is ConversationStatus.Finished ? AgentEventTypes.Finished : AgentEventTypes.Closed));
        }

        conversation.Status = status;
        conversation.ClosedReason = reason;
        conversation.ClosedAt = now;
        effects.Notes.Add(note);
        effects.Ended = true;
    }

    /// <summary>Whether the conversation is open past its expiry: the reminder or timer closes it.</summary>
    public static bool IsDue(ConversationState conversation, DateTimeOffset now) => IsOpen(conversation) && now >= conversation.ExpiresAt;

    /// <summary>
    /// The user wrote: activity now, and WhatsApp's window from Meta's timestamp, which a retry delivered late must
    /// not move back.
    /// </summary>
    public static void ReceiveUserMessage(ConversationState conversation, DateTimeOffset timestamp, string? profileName, DateTimeOffset now)
    {
        conversation.LastMessageAt = now;
        var stored = DomainClock.ToStoredPrecision(timestamp);
        if (conversation.LastUserMessageAt is not { } last || stored > last)
        {
            conversation.LastUserMessageAt = stored;
        }

        conversation.ContactName ??= profileName;
    }

    public static ConversationReply NotFound(ConversationId id) => ConversationReply.Refused(ConversationOutcome.NotFound, $"There is no conversation '{id}'.");

    public static ConversationReply NotOpen(ConversationState conversation) =>
        ConversationReply.Refused(ConversationOutcome.Conflict, $"The conversation is {conversation.Status.ToString().ToLowerInvariant()}.");
}
