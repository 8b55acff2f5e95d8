namespace Truora.Grains.Contacts;

/// <summary>
/// A status webhook applied to the outbox: the message it named (null: kept until the message's send report comes)
/// and whether the contact's state changed, so needs a write.
/// </summary>
public sealed record DeliveryChange(OutboundItem? Item, bool Changed);
