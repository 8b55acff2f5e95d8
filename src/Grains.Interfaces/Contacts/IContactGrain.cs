using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Interfaces.Contacts;

/// <summary>
/// One WhatsApp user of a tenant, keyed <c>tenant/wa_id</c>: runs the user's flow session, hands off to
/// conversations, and holds the lock a finish puts on free-form messages.
/// </summary>
[Alias("Truora.IContactGrain")]
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the inbound message durably, then acts on it; a message id seen before is ignored.
    /// <paramref name="channel"/> is the tenant's channel as the caller has just read it (the webhook does, to check
    /// the signature): the flow it starts and the prompts this message's turn sends use it instead of reading it
    /// again. Null: the contact reads it when it needs it.
    /// </summary>
    [Alias("Receive")] Task ReceiveAsync(InboundMessage message, WhatsAppChannelSettings? channel);

    /// <summary>The conversation of the hand-off ended: closed by an agent (the flow resumes) or expired (quietly).</summary>
    [Alias("HandoffEnded")] Task HandoffEndedAsync(ConversationId conversationId, ClosedReason reason);

    /// <summary>
    /// An agent finished the conversation: the flow is cancelled, the finish notice (already in the conversation's
    /// history as the notice's message id) goes out, and the contact is locked until a template is sent and answered.
    /// </summary>
    [Alias("Finished")] Task FinishedAsync(ConversationId conversationId, GroupId? groupId, OutboundText notice);
}
