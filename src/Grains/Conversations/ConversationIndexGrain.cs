using Truora.Grains.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A tenant's conversations opened on one UTC day. Conversations report each change; writes are coalesced,
/// so a burst of messages across the day's conversations costs a handful of writes, not one each.
/// </summary>
public sealed class ConversationIndexGrain(
    [PersistentState("conversation-index", GrainStorage.Name)] IPersistentState<ConversationIndexState> state)
    : Grain, IConversationIndexGrain, ITenantOwnedGrain
{
    private readonly StateWriter<ConversationIndexState> writer = new(state);

    public async Task UpsertAsync(ConversationSummary summary)
    {
        var conversations = state.State.Conversations;
        if (conversations.TryGetValue(summary.Id, out var known) && known == summary)
        {
            return;
        }

        conversations[summary.Id] = summary;
        await writer.WriteAsync();
    }

    public Task<IReadOnlyList<ConversationSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ConversationSummary>>([.. state.State.Conversations.Values]);
}
