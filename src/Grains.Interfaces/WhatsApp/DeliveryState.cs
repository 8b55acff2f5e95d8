namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>
/// Where an outbound message stands. The numbers are the contract's order, in which a message only moves forward:
/// a late <c>failed</c> after <c>delivered</c> means the phone got it anyway. Never renumber.
/// </summary>
public enum DeliveryState
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
    Delivered = 3,
    Read = 4,
}
