namespace Truora.Api.WhatsApp.Payload;

/// <summary>A sender named in a value, which gives its messages a profile name.</summary>
internal sealed class Contact
{
    public string WaId { get; set; } = "";

    public Profile? Profile { get; set; }
}
