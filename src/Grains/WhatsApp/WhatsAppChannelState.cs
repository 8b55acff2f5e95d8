using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.WhatsApp;

[GenerateSerializer, Alias("Truora.WhatsAppChannelState")]
public sealed class WhatsAppChannelState
{
    [Id(0)] public WhatsAppChannelSettings? Settings { get; set; }
}
