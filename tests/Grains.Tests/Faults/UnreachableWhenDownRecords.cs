using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Tests.Faults;

/// <summary>Conversation records that fail (or hold) calls as their <see cref="StorageOutage"/> says, as the grain storage beside them does.</summary>
public sealed class UnreachableWhenDownRecords(IConversationRecords records, StorageOutage outage) : IConversationRecords
{
    public async Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes, CancellationToken cancellationToken)
    {
        if (outage.IsDown || !await outage.PassWriteAsync())
        {
            throw new UnreachableWhenDownStorage.DatabaseDownException();
        }

        return await records.CommitAsync(changes, cancellationToken);
    }

    public bool IsChangeFault(Exception exception) => records.IsChangeFault(exception);

    public Task<ConversationTail> ReadTailAsync(string tenantId, string conversationId, int count) =>
        outage.IsDown ? Task.FromException<ConversationTail>(new UnreachableWhenDownStorage.DatabaseDownException()) : records.ReadTailAsync(tenantId, conversationId, count);

    public Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string tenantId, string conversationId) =>
        outage.IsDown ? Task.FromException<IReadOnlyList<HistoryEntry>>(new UnreachableWhenDownStorage.DatabaseDownException()) : records.ReadHistoryAsync(tenantId, conversationId);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, ConversationFilter filter) =>
        outage.IsDown ? Task.FromException<IReadOnlyList<ConversationSummary>>(new UnreachableWhenDownStorage.DatabaseDownException()) : records.ListAsync(tenantId, filter);
}
