using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains;

/// <summary>Ids this node makes: time-ordered (version 7), so they sort by creation in the records' indexes.</summary>
public static class OutboundIds
{
    /// <summary>A message to the user: a flow's prompt, an agent's reply, a notice, a template.</summary>
    public static string NewMessage() => "out_" + Guid.CreateVersion7().ToString("N");

    public static ConversationId NewConversation() => ConversationId.Parse("c" + Guid.CreateVersion7().ToString("N"));
}
