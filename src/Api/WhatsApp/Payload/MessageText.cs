namespace Truora.Api.WhatsApp.Payload;

/// <summary>A text message's <c>text</c>. An empty body is a body; a missing one is not.</summary>
internal sealed class MessageText
{
    public string? Body { get; set; }
}
