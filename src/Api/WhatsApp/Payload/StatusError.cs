namespace Truora.Api.WhatsApp.Payload;

/// <summary>One of a status's <c>errors</c>, such as 131047 "Re-engagement message".</summary>
internal sealed class StatusError
{
    public int? Code { get; set; }

    public string? Title { get; set; }

    public ErrorData? ErrorData { get; set; }
}
