using System.Text.Json;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

/// <summary>One entry of a value's <c>messages</c>: text, interactive replies, template buttons, or a type we do not read.</summary>
internal sealed partial class WebhookReader
{
    private bool ReadMessage(ref Utf8JsonReader reader)
    {
        string? id = null, from = null, type = null, body = null, interactiveType = null, buttonText = null, buttonPayload = null;
        DateTimeOffset? timestamp = null;
        Reply buttonReply = default, listReply = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("id"u8))
            {
                ok = ReadString(ref reader, "id", MaxIdLength, out id);
            }
            else if (reader.ValueTextEquals("from"u8))
            {
                ok = ReadWaId(ref reader, "from", out from);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                ok = ReadTimestamp(ref reader, "timestamp", out var at);
                timestamp = at;
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                ok = ReadString(ref reader, "type", MaxIdLength, out type);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                ok = ReadText(ref reader, out body);
            }
            else if (reader.ValueTextEquals("interactive"u8))
            {
                ok = ReadInteractive(ref reader, out interactiveType, out buttonReply, out listReply);
            }
            else if (reader.ValueTextEquals("button"u8))
            {
                ok = ReadButton(ref reader, out buttonText, out buttonPayload);
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(id))
        {
            return Fail($"{At("id")} is required.");
        }

        if (from is null)
        {
            return Fail($"{At("from")} is required.");
        }

        if (timestamp is null)
        {
            return Fail($"{At("timestamp")} is required.");
        }

        if (string.IsNullOrEmpty(type))
        {
            return Fail($"{At("type")} is required.");
        }

        var reply = interactiveType switch
        {
            "button_reply" => buttonReply,
            "list_reply" => listReply,
            _ => buttonReply.Title is null ? listReply : buttonReply,
        };
        string kind;
        string text;
        string? replyId = null;
        switch (type)
        {
            case "text":
                if (body is null)
                {
                    return Fail($"{At("text.body")} is required for a text message.");
                }

                (kind, text) = (InboundMessageKinds.Text, body);
                break;
            case "interactive" when reply is { Title: { } title }:
                (kind, text, replyId) = (InboundMessageKinds.Interactive, title, reply.Id);
                break;
            case "button":
                if (buttonText is null)
                {
                    return Fail($"{At("button.text")} is required for a button message.");
                }

                (kind, text, replyId) = (InboundMessageKinds.Button, buttonText, buttonPayload);
                break;
            default:
                // Media, locations, reactions, flow forms: recorded so the conversation shows the contact wrote,
                // even though no flow or agent screen can show the content yet.
                (kind, text) = (InboundMessageKinds.Unsupported, "unsupported type " + type);
                break;
        }

        (valueMessages ??= []).Add(new PendingMessage(id, from, timestamp.Value, text, kind, replyId));
        return true;
    }

    private bool ReadText(ref Utf8JsonReader reader, out string? body)
    {
        body = null;
        if (!EnterObject(ref reader, "text", out var present))
        {
            return false;
        }

        while (present && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("body"u8))
            {
                reader.Skip();
            }
            else if (!ReadString(ref reader, "text.body", MaxTextLength, out body))
            {
                return false;
            }
        }

        return true;
    }

    private bool ReadInteractive(ref Utf8JsonReader reader, out string? type, out Reply buttonReply, out Reply listReply)
    {
        type = null;
        buttonReply = default;
        listReply = default;
        if (!EnterObject(ref reader, "interactive", out var present))
        {
            return false;
        }

        while (present && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("type"u8))
            {
                ok = ReadString(ref reader, "interactive.type", MaxIdLength, out type);
            }
            else if (reader.ValueTextEquals("button_reply"u8))
            {
                ok = ReadReply(ref reader, false, out buttonReply);
            }
            else if (reader.ValueTextEquals("list_reply"u8))
            {
                ok = ReadReply(ref reader, true, out listReply);
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private bool ReadReply(ref Utf8JsonReader reader, bool list, out Reply reply)
    {
        reply = default;
        var field = list ? "interactive.list_reply" : "interactive.button_reply";
        if (!EnterObject(ref reader, field, out var present))
        {
            return false;
        }

        string? id = null;
        string? title = null;
        while (present && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("id"u8))
            {
                ok = ReadString(ref reader, list ? "interactive.list_reply.id" : "interactive.button_reply.id", MaxIdLength, out id);
            }
            else if (reader.ValueTextEquals("title"u8))
            {
                ok = ReadString(ref reader, list ? "interactive.list_reply.title" : "interactive.button_reply.title", MaxTextLength, out title);
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return false;
            }
        }

        if (present && title is null)
        {
            return Fail($"{At(field)}.title is required.");
        }

        reply = new Reply(id, title);
        return true;
    }

    private bool ReadButton(ref Utf8JsonReader reader, out string? text, out string? payload)
    {
        text = null;
        payload = null;
        if (!EnterObject(ref reader, "button", out var present))
        {
            return false;
        }

        while (present && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("text"u8))
            {
                ok = ReadString(ref reader, "button.text", MaxTextLength, out text);
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                ok = ReadString(ref reader, "button.payload", MaxTextLength, out payload, optional: true);
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Reply(string? Id, string? Title);
}
