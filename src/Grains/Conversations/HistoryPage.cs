using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations;

[GenerateSerializer, Alias("Truora.HistoryPage")]
public sealed class HistoryPage
{
    [Id(0)] public List<HistoryEntry> Entries { get; set; } = [];
}
