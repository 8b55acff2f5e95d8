using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Tenants;

namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>A tenant's flows, channel, contacts and the conversations its flows hand off to.</summary>
internal static class RuntimeTenants
{
    public static IFlowGrain Flow(this TenantScope tenant, string id) =>
        tenant.Enter().GetGrain<IFlowGrain>(EntityId.Key(tenant.Tenant, id));

    public static IContactGrain Contact(this TenantScope tenant, string phone) =>
        tenant.Enter().GetGrain<IContactGrain>(EntityId.Key(tenant.Tenant, phone));

    public static async Task<FlowVersion> SaveFlowAsync(this TenantScope tenant, string id, string json)
    {
        var saved = await tenant.Flow(id).SaveAsync(json);
        Assert.True(saved.Flow is not null, "The flow was refused: " + string.Join("; ", saved.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")));
        return saved.Flow!;
    }

    /// <summary>Sets up the tenant's WhatsApp channel so a user's first message starts <paramref name="defaultFlowId"/>.</summary>
    public static async Task UseChannelAsync(this TenantScope tenant, string defaultFlowId)
    {
        var channel = tenant.Enter().GetGrain<IWhatsAppChannelGrain>(tenant.Tenant.Value);
        var configured = await channel.ConfigureAsync(new WhatsAppChannelUpdate(
            "100200300", "access-token", "app-secret", "verify-token", FlowRuntimeCluster.NowhereGraphApi, null, defaultFlowId, null));
        Assert.NotNull(configured.Settings);
    }

    /// <summary>The conversations opened for one user, as an admin's list shows them.</summary>
    public static async Task<IReadOnlyList<ConversationSummary>> ConversationsWithAsync(this TenantScope tenant, string phone)
    {
        var list = tenant.Enter().GetGrain<IConversationListGrain>(tenant.Tenant.Value);
        var page = await list.ListAsync(new ConversationQuery(tenant.Admin, ConversationView.All, [], 200, null));
        Assert.NotNull(page);
        return [.. page.Items.Where(item => item.ContactPhone == phone)];
    }

    public static async Task<ConversationDetails> DetailsAsync(this TenantScope tenant, string conversationId) =>
        await tenant.Conversation(conversationId).GetAsync(tenant.Admin)
        ?? throw new InvalidOperationException($"There is no conversation '{conversationId}'.");

    /// <summary>
    /// The user's and the bot's lines of a history as <c>user: text</c> and <c>bot(blockId): text</c>, without the
    /// system notes, so a transcript reads (and fails) as one list.
    /// </summary>
    public static IReadOnlyList<string> Lines(this ConversationDetails details) =>
        [.. details.History.Where(entry => entry.From is not HistorySender.System).Select(Line)];

    private static string Line(HistoryEntry entry) => entry.From switch
    {
        HistorySender.User => $"user: {entry.Text}",
        HistorySender.Bot => $"bot({entry.BlockId}): {entry.Text}",
        _ => $"agent({entry.AgentId}): {entry.Text}",
    };
}
