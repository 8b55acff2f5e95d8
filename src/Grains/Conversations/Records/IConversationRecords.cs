using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations.Records;

/// <summary>
/// Where conversations keep what grows with traffic: every message, and a row per conversation for the lists.
/// PostgreSQL and SQL Server tables in a durable node, grains in the embedded memory mode. Grains use it through
/// <see cref="ConversationStore"/>, which gathers the commits of the whole silo into batches.
/// </summary>
public interface IConversationRecords
{
    /// <summary>
    /// Commits the changes in one round trip, each all or nothing. For each change, the ids of its unique messages
    /// that were stored already (a retried webhook, or a second activation): those rows are not written again.
    /// </summary>
    Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes, CancellationToken cancellationToken);

    /// <summary>Whether a failed commit was one change's own fault (a constraint), so the others may go alone.</summary>
    bool IsChangeFault(Exception exception);

    Task<ConversationTail> ReadTailAsync(string tenantId, string conversationId, int count);

    Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string tenantId, string conversationId);

    /// <summary>Up to <see cref="ConversationFilter.Limit"/> summaries after the filter's cursor, newest activity first, then id.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, ConversationFilter filter);
}
