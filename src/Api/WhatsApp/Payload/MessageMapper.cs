using System.Diagnostics.CodeAnalysis;
using Truora.Grains.Interfaces.WhatsApp;
using static Truora.Api.WhatsApp.WebhookPayloadParser;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>Checks one of a value's <c>messages</c> and makes it an <see cref="InboundMessage"/> of its kind.</summary>
internal static class MessageMapper
{
    public static bool TryMap(
        Message? message,
        IReadOnlyList<Contact?> contacts,
        ValuePath at,
        int index,
        [NotNullWhen(true)] out InboundMessage? inbound,
        [NotNullWhen(false)] out string? error)
    {
        inbound = null;
        if (message is null)
        {
            error = $"{at}.messages[{index}] must be an object.";
            return false;
        }

        error = Check(message, at, index);
        if (error is not null)
        {
            return false;
        }

        var (kind, text, replyId) = KindOf(message);
        if (text is null)
        {
            // Only text and template-button messages have a text of their own to miss.
            var field = message.Type == "text" ? "text.body" : "button.text";
            error = $"{at.Of("messages", index, field)} is required for a {message.Type} message.";
            return false;
        }

        // Check made sure of the timestamp.
        inbound = new InboundMessage(
            message.Id, message.From, ProfileNameOf(contacts, message.From), message.Timestamp!.Value, text, kind, replyId);
        return true;
    }

    /// <summary>The message's kind, text and reply id; a null text when its type's content lacks it.</summary>
    private static (string Kind, string? Text, string? ReplyId) KindOf(Message message)
    {
        var reply = message.Interactive switch
        {
            { Type: "button_reply" } interactive => interactive.ButtonReply,
            { Type: "list_reply" } interactive => interactive.ListReply,
            { } interactive => interactive.ButtonReply ?? interactive.ListReply,
            null => null,
        };
        return message.Type switch
        {
            "text" => (InboundMessageKinds.Text, message.Text?.Body, null),
            "interactive" when reply is { Title: { } title } => (InboundMessageKinds.Interactive, title, reply.Id),
            "button" => (InboundMessageKinds.Button, message.Button?.Text, message.Button?.Payload),

            // Media, locations, reactions, flow forms: recorded so the conversation shows the contact wrote, even
            // though no flow or agent screen can show the content yet.
            _ => (InboundMessageKinds.Unsupported, "unsupported type " + message.Type, null),
        };
    }

    private static string? Check(Message message, ValuePath at, int index)
    {
        string At(string field) => at.Of("messages", index, field);
        string? Limit(string? value, int max, string field) => value?.Length > max ? $"{At(field)} must be at most {max} characters." : null;

        if (message.Id.Length == 0)
        {
            return $"{At("id")} is required.";
        }

        if (message.From.Length == 0)
        {
            return $"{At("from")} is required.";
        }

        if (!PhoneNumbers.IsWaId(message.From))
        {
            return $"{At("from")} must be a WhatsApp id: {PhoneNumbers.MinDigits} to {PhoneNumbers.MaxDigits} digits.";
        }

        if (message.Timestamp is null)
        {
            return $"{At("timestamp")} is required.";
        }

        if (message.Type.Length == 0)
        {
            return $"{At("type")} is required.";
        }

        // Every content object present is checked, whatever the type says, as a reply without its title is malformed
        // wherever it sits.
        return Limit(message.Id, MaxIdLength, "id")
            ?? Limit(message.Type, MaxIdLength, "type")
            ?? Limit(message.Text?.Body, MaxTextLength, "text.body")
            ?? Limit(message.Interactive?.Type, MaxIdLength, "interactive.type")
            ?? CheckReply(message.Interactive?.ButtonReply, "interactive.button_reply")
            ?? CheckReply(message.Interactive?.ListReply, "interactive.list_reply")
            ?? Limit(message.Button?.Text, MaxTextLength, "button.text")
            ?? Limit(message.Button?.Payload, MaxTextLength, "button.payload");

        string? CheckReply(InteractiveReply? reply, string field) => reply switch
        {
            null => null,
            { Title: null } => $"{At(field)}.title is required.",
            { Id.Length: > MaxIdLength } => $"{At(field)}.id must be at most {MaxIdLength} characters.",
            { Title.Length: > MaxTextLength } => $"{At(field)}.title must be at most {MaxTextLength} characters.",
            _ => null,
        };
    }

    /// <summary>The name of the value's first contact with this wa_id; a sender without one has none.</summary>
    private static string? ProfileNameOf(IReadOnlyList<Contact?> contacts, string waId)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i] is { } contact && string.Equals(contact.WaId, waId, StringComparison.Ordinal))
            {
                return contact.Profile?.Name;
            }
        }

        return null;
    }
}
