using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Interfaces.Contacts;

/// <summary>
/// The contact's outbound side: every message to the user goes through its outbox, durably queued before the
/// caller hears back, then sent off the grain's turn; the sender reports back here.
/// </summary>
[Alias("Truora.IContactOutboxGrain")]
public interface IContactOutboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues a text recorded in a conversation's history under the text's message id; its delivery state goes
    /// back to that conversation.
    /// </summary>
    [Alias("SendText")] Task SendTextAsync(ConversationId conversationId, OutboundText text);

    /// <summary>
    /// Sends an approved template; after a finish, the user's reply to it opens a new conversation owned by
    /// <paramref name="senderId"/> (null: the tenant admin key, so it waits in the finished conversation's group).
    /// </summary>
    [Alias("SendTemplate")] Task SendTemplateAsync(OutboundTemplate template, AgentId? senderId);

    /// <summary>The sender's reports on the messages it was handed together, in the order they were sent.</summary>
    [Alias("RecordSent")] Task RecordSentAsync(IReadOnlyList<SendReport> reports);

    /// <summary>Meta's status webhook for one of this contact's messages.</summary>
    [Alias("RecordDelivery")] Task RecordDeliveryAsync(DeliveryStatusUpdate update);
}
