using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations;

[GenerateSerializer, Alias("Truora.ConversationIndexState")]
public sealed class ConversationIndexState
{
    [Id(0)] public Dictionary<string, ConversationSummary> Conversations { get; set; } = new(StringComparer.Ordinal);
}
