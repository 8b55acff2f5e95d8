using Truora.Grains.Interfaces.Events;

namespace Truora.Grains.Events;

[GenerateSerializer, Alias("Truora.AgentInboxState")]
public sealed class AgentInboxState
{
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public List<AgentEvent> Events { get; set; } = [];

    // Stored as "off" so a new inbox starts with both on, as the contract's defaults say.
    [Id(2)] public bool NotificationsOff { get; set; }
    [Id(3)] public bool SoundOff { get; set; }
}
