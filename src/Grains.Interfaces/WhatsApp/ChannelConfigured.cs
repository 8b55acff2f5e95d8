namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>The result of a channel PUT: created or replaced, or the secrets a first PUT lacked.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ChannelConfigured")]
public sealed record ChannelConfigured(
    [property: Id(0)] WhatsAppChannelSettings? Settings,
    [property: Id(1)] bool Created,
    [property: Id(2)] IReadOnlyList<string> MissingSecrets);
