namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>
/// A contact's message as Meta delivered it. <see cref="From"/> is the sender's <c>wa_id</c> (digits only);
/// <see cref="Kind"/> is one of <see cref="InboundMessageKinds"/>. Types we do not handle still arrive, with a
/// placeholder text, so the conversation shows that the contact sent something. <see cref="ReplyId"/> is the id or
/// payload of a tapped button or list row, so flows can match it without depending on a title that may be translated.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.InboundMessage")]
public sealed record InboundMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string From,
    [property: Id(2)] string? ProfileName,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string Text,
    [property: Id(5)] string Kind,
    [property: Id(6)] string? ReplyId = null);
