using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations.Records;

/// <summary>
/// The list views' row of a conversation: its summary, when the user last wrote (WhatsApp's window) and since when
/// its owner has held it (a member created again under an old id does not list what its namesake held).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationRow")]
public sealed record ConversationRow(
    [property: Id(0)] ConversationSummary Summary,
    [property: Id(1)] DateTimeOffset? LastUserMessageAt,
    [property: Id(2)] DateTimeOffset? OwnedSince);
