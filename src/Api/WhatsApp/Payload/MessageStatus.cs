using System.Text.Json.Serialization;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// Meta's report on one of our outbound messages. Its <c>conversation</c> and <c>pricing</c> are not read: billing
/// is Meta's.
/// </summary>
internal sealed class MessageStatus
{
    public string Id { get; set; } = "";

    public string Status { get; set; } = "";

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    public string RecipientId { get; set; } = "";

    public IReadOnlyList<StatusError?>? Errors { get; set; }
}
