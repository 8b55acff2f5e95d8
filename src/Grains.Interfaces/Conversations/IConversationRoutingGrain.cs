using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// The same conversation as the flow, the groups and the channel drive it. The interleaving methods each break a
/// cycle between independent calls (call-chain reentrancy cannot: the two sides are different requests): a group
/// drains its queue into <see cref="OfferAsync"/> while this conversation's close waits on that group; a contact
/// appends and reads while this conversation's end waits on that contact.
/// </summary>
[Alias("Truora.IConversationRoutingGrain")]
public interface IConversationRoutingGrain : IGrainWithStringKey
{
    /// <summary>Opens the conversation from a hand-off and routes it; idempotent for a repeated opening.</summary>
    [Alias("Open")] Task<ConversationSummary> OpenAsync(ConversationOpening opening);

    /// <summary>A group hands this waiting conversation to an agent it reserved; false if it no longer waits.</summary>
    [AlwaysInterleave, Alias("Offer")] Task<bool> OfferAsync(AgentId agentId, GroupId groupId);

    /// <summary>
    /// The owner is gone (deleted): the conversation goes back to its group's rotation. Not interleaving: the member
    /// calls it, and this conversation only ever calls a member's interleaving methods, so neither waits on the other.
    /// </summary>
    [Alias("ReturnToRouting")] Task ReturnToRoutingAsync(AgentId formerOwnerId);

    /// <summary>Records the user's message; false when the conversation is no longer open (the flow takes it).</summary>
    [AlwaysInterleave, Alias("AppendUserMessage")] Task<bool> AppendUserMessageAsync(InboundMessage message);

    /// <summary>Moves an outbound message's delivery forward (never backwards).</summary>
    [AlwaysInterleave, Alias("RecordDelivery")] Task RecordDeliveryAsync(DeliveryStatusUpdate update);

    [AlwaysInterleave, Alias("Summary")] Task<ConversationSummary?> GetSummaryAsync();
}
