namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// The conversations a tenant opened on one UTC day, keyed <c>tenant/yyyyMMdd</c>. Open conversations live at
/// most 24 hours, so every open one sits in today's or yesterday's index.
/// </summary>
[Alias("Truora.IConversationIndexGrain")]
public interface IConversationIndexGrain : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("Upsert")] Task UpsertAsync(ConversationSummary summary);

    [AlwaysInterleave, Alias("List")] Task<IReadOnlyList<ConversationSummary>> ListAsync();
}
