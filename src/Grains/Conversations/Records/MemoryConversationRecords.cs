using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations.Records;

/// <summary>
/// The embedded mode's records: each tenant's are held by one <see cref="IMemoryRecordsGrain"/>, so every silo of a
/// memory cluster reads and writes the same ones (a store per silo would show each node only its own
/// conversations). Nothing survives the cluster, as with the rest of memory mode.
/// </summary>
public sealed class MemoryConversationRecords(IGrainFactory grains) : IConversationRecords
{
    public async Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes, CancellationToken cancellationToken)
    {
        var results = new IReadOnlyList<string>[changes.Count];
        if (changes.Count == 1 || AllOneTenant(changes))
        {
            var committed = await Tenant(changes[0].TenantId).CommitAsync(changes);
            committed.CopyTo(results, 0);
            return results;
        }

        // A batch gathered from the whole silo: one call per tenant.
        var byTenant = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            if (!byTenant.TryGetValue(changes[i].TenantId, out var indexes))
            {
                byTenant[changes[i].TenantId] = indexes = [];
            }

            indexes.Add(i);
        }

        await Task.WhenAll(byTenant.Select(async tenant =>
        {
            var committed = await Tenant(tenant.Key).CommitAsync([.. tenant.Value.Select(i => changes[i])]);
            for (var j = 0; j < committed.Length; j++)
            {
                results[tenant.Value[j]] = committed[j];
            }
        }));
        return results;
    }

    public bool IsChangeFault(Exception exception) => exception is ArgumentException;

    public Task<ConversationTail> ReadTailAsync(string tenantId, string conversationId, int count) =>
        Tenant(tenantId).ReadTailAsync(conversationId, count);

    public Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string tenantId, string conversationId) =>
        Tenant(tenantId).ReadHistoryAsync(conversationId);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, ConversationFilter filter) =>
        Tenant(tenantId).ListAsync(filter);

    private IMemoryRecordsGrain Tenant(string tenantId) => grains.GetGrain<IMemoryRecordsGrain>(tenantId);

    private static bool AllOneTenant(IReadOnlyList<ConversationChange> changes)
    {
        for (var i = 1; i < changes.Count; i++)
        {
            if (!string.Equals(changes[i].TenantId, changes[0].TenantId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
