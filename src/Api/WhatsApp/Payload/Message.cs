using System.Text.Json.Serialization;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// An inbound message. <see cref="Type"/> says which of the content objects holds it; a new kind (image, location,
/// …) is one more nullable property here, a record for its content, and a case in <see cref="MessageMapper"/>.
/// Content of other kinds (and <c>context</c>, <c>referral</c>) is skipped.
/// </summary>
internal sealed class Message
{
    public string Id { get; set; } = "";

    public string From { get; set; } = "";

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    public string Type { get; set; } = "";

    public MessageText? Text { get; set; }

    public Interactive? Interactive { get; set; }

    public TemplateButton? Button { get; set; }
}
