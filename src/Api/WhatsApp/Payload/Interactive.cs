namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// A reply to one of our interactive messages: a tapped reply button or a chosen list row, as <see cref="Type"/>
/// says. Other kinds (such as a flow form's <c>nfm_reply</c>) are skipped and the message is unsupported.
/// </summary>
internal sealed class Interactive
{
    public string Type { get; set; } = "";

    public InteractiveReply? ButtonReply { get; set; }

    public InteractiveReply? ListReply { get; set; }
}
