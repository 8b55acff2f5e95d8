namespace Truora.Api.WhatsApp.Payload;

/// <summary>A value's business number. Its <c>display_phone_number</c> is not read: we route by the id.</summary>
internal sealed class Metadata
{
    public string PhoneNumberId { get; set; } = "";
}
