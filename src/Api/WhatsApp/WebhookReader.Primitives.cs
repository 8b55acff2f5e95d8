using System.Text.Json;

namespace Truora.Api.WhatsApp;

/// <summary>Single property values: strings with a length cap, wa_ids, unix timestamps, nested objects.</summary>
internal sealed partial class WebhookReader
{
    /// <summary>Moves to a property's value, which must be an object or null; <paramref name="present"/> says which.</summary>
    private bool EnterObject(ref Utf8JsonReader reader, string field, out bool present)
    {
        reader.Read();
        present = reader.TokenType == JsonTokenType.StartObject;
        return present || reader.TokenType == JsonTokenType.Null || Fail($"{At(field)} must be an object.");
    }

    /// <summary>Reads a property's string value; null passes only when <paramref name="optional"/>.</summary>
    private bool ReadString(ref Utf8JsonReader reader, string field, int maxLength, out string? value, bool optional = false)
    {
        value = null;
        reader.Read();
        if (optional && reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return Fail($"{At(field)} must be a string.");
        }

        if (reader.ValueSpan.Length <= (long)maxLength * MaxBytesPerChar)
        {
            value = reader.GetString()!;
            if (value.Length <= maxLength)
            {
                return true;
            }

            value = null;
        }

        return Fail($"{At(field)} must be at most {maxLength} characters.");
    }

    private bool ReadWaId(ref Utf8JsonReader reader, string field, out string? value)
    {
        if (!ReadString(ref reader, field, MaxIdLength, out value))
        {
            return false;
        }

        if (PhoneNumbers.IsWaId(value))
        {
            return true;
        }

        value = null;
        return Fail($"{At(field)} must be a WhatsApp id: {PhoneNumbers.MinDigits} to {PhoneNumbers.MaxDigits} digits.");
    }

    /// <summary>Meta sends unix seconds as a string; a plain JSON integer is taken too, anything else is refused.</summary>
    private bool ReadTimestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset value)
    {
        value = default;
        reader.Read();
        long seconds = -1;
        var read = reader.TokenType switch
        {
            JsonTokenType.String => !reader.ValueIsEscaped && TryParseSeconds(reader.ValueSpan, out seconds),
            JsonTokenType.Number => reader.TryGetInt64(out seconds),
            _ => false,
        };
        if (!read || seconds is < 0 or > MaxUnixSeconds)
        {
            return Fail($"{At(field)} must be unix seconds, such as \"1767225600\".");
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool TryParseSeconds(ReadOnlySpan<byte> digits, out long seconds)
    {
        seconds = 0;
        if (digits.Length is 0 or > 12)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            seconds = (seconds * 10) + digit;
        }

        return true;
    }
}
