using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations;

/// <summary>One stored slice of a day index: the summaries of the conversations whose id hashes to it.</summary>
[GenerateSerializer, Alias("Truora.ConversationIndexBucket")]
public sealed class ConversationIndexBucket
{
    [Id(0)] public Dictionary<string, ConversationSummary> Conversations { get; set; } = new(StringComparer.Ordinal);
}
