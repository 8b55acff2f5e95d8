using Orleans.Storage;
using Truora.Grains.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A tenant's conversations opened on one UTC day. Every conversation reports its changes here, so a busy day
/// holds tens of thousands of summaries: they are kept in a <see cref="SlicedIndex{TValue}"/> of
/// <see cref="SliceCount"/> slices, and a change rewrites its slice, not the day. Writes are coalesced as well, so
/// a burst of changes costs a handful of slice writes.
/// </summary>
public sealed class ConversationIndexGrain : Grain, IConversationIndexGrain, ITenantOwnedGrain
{
    public const int SliceCount = 512;
    private static readonly GrainType SliceType = GrainType.Create("conversation-index-bucket");

    private readonly SlicedIndex<ConversationSummary> summaries;

    public ConversationIndexGrain([FromKeyedServices(GrainStorage.Name)] IGrainStorage storage) =>
        summaries = new(storage, "conversation-index", SliceType, this.GetPrimaryKeyString(), SliceCount, storageCallsAtOnce: 4);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => summaries.LoadAsync();

    public Task UpsertAsync(ConversationSummary summary) =>
        summaries.Set(summary.Id, summary) ? summaries.SaveAsync() : Task.CompletedTask;

    public Task<IReadOnlyList<ConversationSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ConversationSummary>>([.. summaries.Values]);
}
