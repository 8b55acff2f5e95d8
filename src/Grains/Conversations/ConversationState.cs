using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Conversations;

/// <summary>What a conversation decides with; its messages and list row are records (<see cref="Records.ConversationStore"/>).</summary>
[GenerateSerializer, Alias("Truora.ConversationState")]
public sealed class ConversationState
{
    [Id(0)] public string ContactPhone { get; set; } = "";
    [Id(1)] public string? ContactName { get; set; }
    [Id(2)] public ConversationStatus Status { get; set; }
    [Id(3)] public string? OwnerId { get; set; }
    [Id(4)] public string? GroupId { get; set; }
    [Id(5)] public RotationMode Mode { get; set; }
    [Id(6)] public DateTimeOffset OpenedAt { get; set; }
    [Id(7)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(8)] public DateTimeOffset LastMessageAt { get; set; }

    /// <summary>Meta's timestamp of the user's latest message: WhatsApp's 24-hour window runs from it.</summary>
    [Id(9)] public DateTimeOffset? LastUserMessageAt { get; set; }
    [Id(10)] public ClosedReason? ClosedReason { get; set; }
    [Id(11)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(12)] public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);
    [Id(13)] public DateTimeOffset? FirstAssignedAt { get; set; }

    /// <summary>The opening's routing has not completed (a silo died under it); it is retried until it does.</summary>
    [Id(14)] public ConversationOpening? PendingRoute { get; set; }

    /// <summary>When the current owner took the conversation.</summary>
    [Id(15)] public DateTimeOffset? OwnedSince { get; set; }
}
