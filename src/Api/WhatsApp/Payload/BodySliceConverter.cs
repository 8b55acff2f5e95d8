using System.Text.Json;
using System.Text.Json.Serialization;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>Reads a <see cref="BodySlice"/>: notes where the value starts, skips it, and notes where it ended.</summary>
internal sealed class BodySliceConverter : JsonConverter<BodySlice>
{
    public override BodySlice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var token = reader.TokenType;
        var start = reader.TokenStartIndex;
        reader.Skip();
        return new BodySlice(checked((int)start), checked((int)(reader.BytesConsumed - start)), token);
    }

    public override void Write(Utf8JsonWriter writer, BodySlice value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Webhook bodies are only read.");
}
