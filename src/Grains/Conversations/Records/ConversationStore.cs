using Microsoft.Extensions.Options;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations.Records;

/// <summary>The silo's one door to <see cref="IConversationRecords"/>: commits from every grain share round trips.</summary>
public sealed class ConversationStore : IAsyncDisposable
{
    private readonly IConversationRecords records;
    private readonly GroupCommit<ConversationChange, IReadOnlyList<string>> commits;

    public ConversationStore(IConversationRecords records, IOptions<GroupCommitOptions> options)
    {
        this.records = records;
        commits = new(records.CommitAsync, records.IsChangeFault, options.Value);
    }

    /// <summary>Completes once the change is committed, with the ids of its unique messages that were stored already.</summary>
    public Task<IReadOnlyList<string>> CommitAsync(ConversationChange change) => commits.CommitAsync(change);

    public Task<ConversationTail> ReadTailAsync(string tenantId, string conversationId, int count) =>
        records.ReadTailAsync(tenantId, conversationId, count);

    public Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string tenantId, string conversationId) =>
        records.ReadHistoryAsync(tenantId, conversationId);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, ConversationFilter filter) =>
        records.ListAsync(tenantId, filter);

    public ValueTask DisposeAsync() => commits.DisposeAsync();
}
