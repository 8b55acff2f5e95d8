using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations.Records;

/// <summary>
/// One tenant's conversation records in memory mode. An internal grain of the silo: its interface lives here, not in
/// Grains.Interfaces, so the API cannot name it, and it is not tenant-owned because only the silo's own
/// <see cref="ConversationStore"/> calls it.
/// </summary>
[Alias("Truora.IMemoryRecordsGrain")]
public interface IMemoryRecordsGrain : IGrainWithStringKey
{
    [Alias("Commit")] Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes);

    [Alias("Tail")] Task<ConversationTail> ReadTailAsync(string conversationId, int count);

    [Alias("History")] Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string conversationId);

    [Alias("List")] Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationFilter filter);
}
