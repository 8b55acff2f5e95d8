namespace Truora.Api.WhatsApp.Payload;

/// <summary>An error's <c>error_data</c>: Meta's sentence on what went wrong.</summary>
internal sealed class ErrorData
{
    public string? Details { get; set; }
}
