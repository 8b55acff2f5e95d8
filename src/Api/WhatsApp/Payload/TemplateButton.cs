namespace Truora.Api.WhatsApp.Payload;

/// <summary>A message's <c>button</c>: a template's quick-reply button the contact tapped, and its payload.</summary>
internal sealed class TemplateButton
{
    public string? Text { get; set; }

    public string? Payload { get; set; }
}
