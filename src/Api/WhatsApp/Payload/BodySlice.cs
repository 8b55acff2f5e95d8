using System.Text.Json;
using System.Text.Json.Serialization;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// Where a JSON value lies in the body, and its first token, found by skipping it rather than reading it: a change's
/// value is read only once its field is known (see <see cref="Change"/>). The offsets are into the span the parser
/// hands the serializer, which reads a span as one block; a stream would make them offsets into a buffer.
/// </summary>
[JsonConverter(typeof(BodySliceConverter))]
internal readonly record struct BodySlice(int Start, int Length, JsonTokenType Token)
{
    /// <summary>The absent value: <see cref="JsonTokenType.None"/>.</summary>
    public bool IsAbsent => Token == JsonTokenType.None;

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> body) => body.Slice(Start, Length);
}
