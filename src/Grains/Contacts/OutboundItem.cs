using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>A message to the user: queued durably, then sent; <see cref="WhatsAppId"/> is Meta's id once sent.</summary>
[GenerateSerializer, Alias("Truora.OutboundItem")]
public sealed class OutboundItem
{
    [Id(0)] public string MessageId { get; set; } = "";

    /// <summary>The conversation whose history shows the message; null for a flow prompt still in the session transcript.</summary>
    [Id(1)] public string? ConversationId { get; set; }
    [Id(2)] public string Text { get; set; } = "";
    [Id(3)] public OutboundTemplate? Template { get; set; }
    [Id(4)] public DateTimeOffset QueuedAt { get; set; }
    [Id(5)] public DeliveryState State { get; set; }
    [Id(6)] public string? WhatsAppId { get; set; }
}
