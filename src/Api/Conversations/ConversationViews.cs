using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.Conversations;

public sealed record ContactView(string Phone, string? Name);

/// <summary>A conversation in a list.</summary>
public sealed record ConversationItemView(
    string Id,
    ContactView Contact,
    ConversationStatus Status,
    string? OwnerId,
    string? GroupId,
    DateTimeOffset OpenedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LastMessageAt,
    ClosedReason? ClosedReason,
    DateTimeOffset? ClosedAt)
{
    public static ConversationItemView From(ConversationSummary c) => new(
        c.Id, new ContactView(c.ContactPhone, c.ContactName), c.Status, c.OwnerId, c.GroupId,
        c.OpenedAt, c.ExpiresAt, c.LastMessageAt, c.ClosedReason, c.ClosedAt);
}

public sealed record ConversationPageView(IReadOnlyList<ConversationItemView> Items, string? NextCursor);

public sealed record HistoryEntryView(HistorySender From, string Text, DateTimeOffset At, string? BlockId, string? AgentId, DeliveryState? Delivery)
{
    public static HistoryEntryView Of(HistoryEntry e) => new(e.From, e.Text, e.At, e.BlockId, e.AgentId, e.Delivery);
}

/// <summary>One conversation with its whole history (the flow transcript included) and the flow's variables.</summary>
public sealed record ConversationDetailsView(
    string Id,
    ContactView Contact,
    ConversationStatus Status,
    string? OwnerId,
    string? GroupId,
    DateTimeOffset OpenedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LastMessageAt,
    ClosedReason? ClosedReason,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<HistoryEntryView> History,
    IReadOnlyDictionary<string, string> Variables)
{
    public static ConversationDetailsView From(ConversationDetails details)
    {
        var c = details.Summary;
        return new ConversationDetailsView(c.Id, new ContactView(c.ContactPhone, c.ContactName), c.Status, c.OwnerId, c.GroupId,
            c.OpenedAt, c.ExpiresAt, c.LastMessageAt, c.ClosedReason, c.ClosedAt,
            [.. details.History.Select(HistoryEntryView.Of)], details.Variables);
    }
}

public sealed record MessageRequest(string? Text);

public sealed record AssignRequest(string? AgentId);
