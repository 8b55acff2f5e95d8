using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// Meta's times: unix seconds in a JSON string (<c>"1749416383"</c>), as Meta sends them; a plain JSON integer is
/// taken too. Anything else is refused: null, a sign, a fraction, an exponent, an escape, or a time past
/// <see cref="DateTimeOffset.MaxValue"/>.
/// </summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    // DateTimeOffset.MaxValue in unix seconds; beyond it FromUnixTimeSeconds throws.
    private const long MaxUnixSeconds = 253_402_300_799;

    // A null must reach Read to be refused; an absent time stays null, and the mappers call it missing.
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long seconds = -1;
        var read = reader.TokenType switch
        {
            JsonTokenType.String => !reader.ValueIsEscaped
                && long.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out seconds),
            JsonTokenType.Number => reader.TryGetInt64(out seconds),
            _ => false,
        };

        // No message: the serializer adds the path, and the parser's sentence names what is expected there.
        return read && seconds is >= 0 and <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Webhook bodies are only read.");
}
