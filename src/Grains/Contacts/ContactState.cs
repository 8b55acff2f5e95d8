using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Contacts;

[GenerateSerializer, Alias("Truora.ContactState")]
public sealed class ContactState
{
    [Id(0)] public string? Name { get; set; }

    /// <summary>Ids of recent inbound messages, oldest first: Meta retries, and a retry must change nothing.</summary>
    [Id(1)] public List<string> SeenMessageIds { get; set; } = [];

    [Id(2)] public FlowSession? Session { get; set; }

    /// <summary>Set by a finish: free-form messages are refused until a template goes out and the user answers.</summary>
    [Id(3)] public bool Locked { get; set; }

    /// <summary>The group of the finished conversation: where a reopened one waits when the admin key sent the template.</summary>
    [Id(4)] public string? LockGroupId { get; set; }

    /// <summary>A template went out after the finish: the user's next message opens a new conversation.</summary>
    [Id(5)] public bool ReopenReady { get; set; }

    [Id(6)] public string? ReopenOwnerId { get; set; }

    /// <summary>What happened outside any conversation or flow: messages while locked, templates sent.</summary>
    [Id(7)] public List<HistoryEntry> Log { get; set; } = [];

    [Id(8)] public List<OutboundItem> Outbox { get; set; } = [];

    /// <summary>Status webhooks that arrived before the sender reported the message's WhatsApp id, by that id.</summary>
    [Id(9)] public Dictionary<string, DeliveryStatusUpdate> EarlyStatuses { get; set; } = new(StringComparer.Ordinal);
}
