using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>Reads the fields of the conversation views the API answers with.</summary>
internal static class ConversationJson
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind is JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String
            ? value.GetString()
            : null;

    public static string Id(JsonElement conversation) => String(conversation, "id")!;

    public static string? Phone(JsonElement conversation) => String(conversation.GetProperty("contact"), "phone");

    public static JsonElement[] Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    public static JsonElement[] History(JsonElement conversation) => [.. conversation.GetProperty("history").EnumerateArray()];

    /// <summary>The delivery of the latest history entry from <paramref name="from"/> with <paramref name="text"/>, or null.</summary>
    public static string? DeliveryOf(JsonElement conversation, string from, string text) =>
        History(conversation).LastOrDefault(entry => String(entry, "from") == from && String(entry, "text") == text) is { ValueKind: JsonValueKind.Object } found
            ? String(found, "delivery")
            : null;

    /// <summary>An entry as <c>from@blockId: text</c>, which reads well in a transcript assertion.</summary>
    public static string Line(JsonElement entry) =>
        String(entry, "blockId") is { } block
            ? $"{String(entry, "from")}@{block}: {String(entry, "text")}"
            : $"{String(entry, "from")}: {String(entry, "text")}";
}
