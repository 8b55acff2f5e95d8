namespace Truora.Api.WhatsApp.Payload;

/// <summary>One WhatsApp Business Account's part of a body. Its <c>id</c> is not read: nothing here routes by it.</summary>
internal sealed class Entry
{
    public IReadOnlyList<Change?> Changes { get; set; } = [];
}
