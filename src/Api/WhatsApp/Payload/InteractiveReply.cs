namespace Truora.Api.WhatsApp.Payload;

/// <summary>The button or row a contact picked: the id we gave it, and the title they saw.</summary>
internal sealed class InteractiveReply
{
    public string? Id { get; set; }

    public string? Title { get; set; }
}
