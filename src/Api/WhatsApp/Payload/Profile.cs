namespace Truora.Api.WhatsApp.Payload;

/// <summary>A contact's WhatsApp profile; the name may be missing or null.</summary>
internal sealed class Profile
{
    public string? Name { get; set; }
}
