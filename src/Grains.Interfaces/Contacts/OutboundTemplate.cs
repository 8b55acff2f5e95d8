namespace Truora.Grains.Interfaces.Contacts;

/// <summary>A template message to a contact; <paramref name="Text"/> is the body with its placeholders filled, for the history.</summary>
[GenerateSerializer, Immutable, Alias("Truora.OutboundTemplate")]
public sealed record OutboundTemplate(
    [property: Id(0)] string Name,
    [property: Id(1)] string Language,
    [property: Id(2)] IReadOnlyList<string> Parameters,
    [property: Id(3)] string Text);
