using System.Globalization;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Routing;

namespace Truora.Grains.Tests.Conversations;

internal static class Handoffs
{
    /// <summary>Opens a conversation as a flow's connect_agent block would, for a new contact.</summary>
    public static Task<ConversationSummary> OpenAsync(
        this TenantScope tenant,
        DateTimeOffset lastUserMessageAt,
        RotationMode mode,
        string? group = null,
        string? agent = null,
        TimeSpan? expiresAfter = null)
    {
        var id = "c" + Guid.NewGuid().ToString("N");
        var phone = "573" + Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
        return tenant.ConversationRouting(id).OpenAsync(new ConversationOpening(
            phone, "User", mode, group, agent, expiresAfter,
            [new HistoryEntry(HistorySender.User, "I need help", lastUserMessageAt)],
            new Dictionary<string, string>(), lastUserMessageAt));
    }

    /// <summary>The user writes again, Meta stamping the message <paramref name="timestamp"/>.</summary>
    public static Task<bool> UserWritesAsync(this TenantScope tenant, ConversationSummary conversation, DateTimeOffset timestamp) =>
        tenant.ConversationRouting(conversation.Id).AppendUserMessageAsync(new InboundMessage(
            "wamid." + Guid.NewGuid().ToString("N"), conversation.ContactPhone, "User", timestamp, "Are you there?", InboundMessageKinds.Text));

    public static async Task<ConversationSummary> SummaryAsync(this TenantScope tenant, string id) =>
        await tenant.ConversationRouting(id).GetSummaryAsync() ?? throw new InvalidOperationException($"There is no conversation '{id}'.");

    public static async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(this TenantScope tenant, string id) =>
        (await tenant.Conversation(id).GetAsync(tenant.Admin) ?? throw new InvalidOperationException($"There is no conversation '{id}'.")).History;
}
