namespace Truora.Grains.Interfaces.Contacts;

/// <summary>
/// A text to the user already in a conversation's history as <paramref name="MessageId"/>: the two travel together so
/// an id can never go out as the text.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.OutboundText")]
public sealed record OutboundText(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string Text);
