using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Truora.Api.WhatsApp;

/// <summary>
/// Reads Meta's webhook body. Bad input is a false with a sentence for the 400, never an exception, and yields
/// nothing: a half-read payload must not be recorded, or Meta's retry would find it partly done.
/// </summary>
public static class WebhookPayloadParser
{
    public const int MaxIdLength = 256;
    public const int MaxNameLength = 256;
    public const int MaxTextLength = 64 * 1024;

    public static bool TryParse(ReadOnlySpan<byte> body, out WebhookPayload payload, [NotNullWhen(false)] out string? error)
    {
        var session = new WebhookReader();
        var reader = new Utf8JsonReader(body);
        bool ok;
        try
        {
            ok = session.ReadRoot(ref reader);
        }
        catch (JsonException e)
        {
            ok = session.Fail($"The body is not well-formed JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader only checks a string's UTF-8 when it decodes it, and reports a bad one this way.
            ok = session.Fail("The body holds a string that is not valid UTF-8.");
        }

        if (ok)
        {
            payload = session.ToPayload();
            error = null;
            return true;
        }

        payload = WebhookPayload.Empty;
        error = session.Error ?? "The body is not a WhatsApp webhook.";
        return false;
    }
}
