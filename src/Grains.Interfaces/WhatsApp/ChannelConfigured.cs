namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>The result of a channel PUT: created or replaced, or what was refused (field → why) and nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ChannelConfigured")]
public sealed record ChannelConfigured(
    [property: Id(0)] WhatsAppChannelSettings? Settings,
    [property: Id(1)] bool Created,
    [property: Id(2)] IReadOnlyDictionary<string, string> Refusals);
