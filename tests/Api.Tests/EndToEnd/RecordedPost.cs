using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>One send-message post the Graph API stand-in received, with what it answered.</summary>
internal sealed record RecordedPost(string Path, string Authorization, JsonElement Body, int AnsweredStatus, string? WhatsAppId)
{
    public bool Succeeded => AnsweredStatus == 200;

    /// <summary>The recipient's wa_id.</summary>
    public string? To => StringAt(Body, "to");

    /// <summary><c>text</c> or <c>template</c>.</summary>
    public string? Type => StringAt(Body, "type");

    /// <summary>The body of a text message; null for a template.</summary>
    public string? Text => Body.ValueKind is JsonValueKind.Object && Body.TryGetProperty("text", out var text) ? StringAt(text, "body") : null;

    public override string ToString() => $"{AnsweredStatus} {Path} {Body.GetRawText()}";

    private static string? StringAt(JsonElement element, string name) =>
        element.ValueKind is JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String
            ? value.GetString()
            : null;
}
