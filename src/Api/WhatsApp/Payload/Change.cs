namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// One change: its <c>field</c> names what its <c>value</c> is. Only <c>messages</c> values are ours; the others
/// (template reviews, account updates) have shapes of their own that must not be refused. Meta sends the value
/// before the field, so the value is only located here, and read as a <see cref="ChangeValue"/> once the field is
/// known.
/// </summary>
internal sealed class Change
{
    public const string MessagesField = "messages";

    public string Field { get; set; } = "";

    public BodySlice Value { get; set; }
}
