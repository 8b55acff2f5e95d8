namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// The value of a <c>messages</c> change: the business number it concerns, the senders' contacts, and the messages
/// and statuses. Meta may list the contacts after the messages they name; a record does not care.
/// </summary>
internal sealed class ChangeValue
{
    public Metadata Metadata { get; set; } = new();

    public IReadOnlyList<Contact?> Contacts { get; set; } = [];

    public IReadOnlyList<Message?> Messages { get; set; } = [];

    public IReadOnlyList<MessageStatus?> Statuses { get; set; } = [];
}
