namespace Truora.Grains.Conversations.Records;

/// <summary>What one commit of a conversation stores: new messages, delivery news and its row, all or nothing.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationChange")]
public sealed record ConversationChange(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] IReadOnlyList<StoredMessage> Messages,
    [property: Id(3)] IReadOnlyList<DeliveryChange> Deliveries,
    [property: Id(4)] ConversationRow? Row);
