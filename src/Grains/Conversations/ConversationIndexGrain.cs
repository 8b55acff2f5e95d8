using Orleans.Storage;
using Truora.Grains.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A tenant's conversations opened on one UTC day. Every conversation reports its changes here, so a busy day
/// holds tens of thousands of summaries: they are stored in <see cref="BucketCount"/> slices by a hash of the
/// conversation id, and a change rewrites its slice, not the day. Writes are coalesced as well, so a burst of
/// changes costs a handful of slice writes.
/// </summary>
public sealed class ConversationIndexGrain([FromKeyedServices(GrainStorage.Name)] IGrainStorage storage)
    : Grain, IConversationIndexGrain, ITenantOwnedGrain
{
    public const int BucketCount = 64;
    private const int StorageCallsAtOnce = 4;
    private const string StateName = "conversation-index";
    private static readonly GrainType BucketType = GrainType.Create("conversation-index-bucket");

    private readonly GrainState<ConversationIndexBucket>[] buckets = new GrainState<ConversationIndexBucket>[BucketCount];
    private DirtyRecords? dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        dirty = new DirtyRecords(index => storage.WriteStateAsync(StateName, BucketId(index), buckets[index]), StorageCallsAtOnce);
        // A few storage calls at a time: a list over several days activates several indexes at once, and 64 reads
        // each exhausted PostgreSQL's connections when three nodes did it together.
        for (var first = 0; first < BucketCount; first += StorageCallsAtOnce)
        {
            await Task.WhenAll(Enumerable.Range(first, StorageCallsAtOnce).Select(async index =>
            {
                var bucket = new GrainState<ConversationIndexBucket>(new ConversationIndexBucket());
                await storage.ReadStateAsync(StateName, BucketId(index), bucket);
                bucket.State ??= new ConversationIndexBucket();
                buckets[index] = bucket;
            }));
        }
    }

    public async Task UpsertAsync(ConversationSummary summary)
    {
        var index = BucketOf(summary.Id);
        var conversations = buckets[index].State!.Conversations;
        if (conversations.TryGetValue(summary.Id, out var known) && known == summary)
        {
            return;
        }

        conversations[summary.Id] = summary;
        dirty!.Mark(index);
        await dirty.SaveAsync();
    }

    public Task<IReadOnlyList<ConversationSummary>> ListAsync()
    {
        var all = new List<ConversationSummary>(buckets.Sum(bucket => bucket.State!.Conversations.Count));
        foreach (var bucket in buckets)
        {
            all.AddRange(bucket.State!.Conversations.Values);
        }

        return Task.FromResult<IReadOnlyList<ConversationSummary>>(all);
    }

    private GrainId BucketId(int index) => GrainId.Create(BucketType, IdSpan.Create($"{this.GetPrimaryKeyString()}/{index}"));

    /// <summary>FNV-1a of the id: stable across processes and versions, unlike <c>string.GetHashCode</c>.</summary>
    private static int BucketOf(string conversationId)
    {
        var hash = 2166136261u;
        foreach (var c in conversationId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % BucketCount);
    }
}
