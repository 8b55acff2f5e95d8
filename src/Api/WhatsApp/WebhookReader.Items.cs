using System.Text.Json;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

/// <summary>A <c>messages</c> change value: its metadata and contacts, and the lists of messages and statuses.</summary>
internal sealed partial class WebhookReader
{
    private List<(string WaId, string? Name)>? contacts;
    private List<PendingMessage>? valueMessages;
    private List<(string Recipient, DeliveryStatusUpdate Status)>? valueStatuses;

    private bool ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail($"{ValuePath} must be an object.");
        }

        contacts?.Clear();
        valueMessages?.Clear();
        valueStatuses?.Clear();
        string? phoneNumberId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            if (reader.ValueTextEquals("metadata"u8))
            {
                ok = ReadMetadata(ref reader, out phoneNumberId);
            }
            else if (reader.ValueTextEquals("contacts"u8))
            {
                ok = ReadItems(ref reader, "contacts");
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                ok = ReadItems(ref reader, "messages");
            }
            else if (reader.ValueTextEquals("statuses"u8))
            {
                ok = ReadItems(ref reader, "statuses");
            }
            else
            {
                reader.Skip();
                ok = true;
            }

            if (!ok)
            {
                return false;
            }
        }

        var messageCount = valueMessages?.Count ?? 0;
        var statusCount = valueStatuses?.Count ?? 0;
        if (messageCount + statusCount == 0)
        {
            return true;
        }

        if (string.IsNullOrEmpty(phoneNumberId))
        {
            return Fail($"{ValuePath}.metadata.phone_number_id is required.");
        }

        for (var i = 0; i < messageCount; i++)
        {
            var m = valueMessages![i];
            var message = new InboundMessage(m.Id, m.From, ProfileNameOf(m.From), m.Timestamp, m.Text, m.Kind, m.ReplyId);
            (messages ??= []).Add(new WebhookMessage(phoneNumberId, message));
        }

        for (var i = 0; i < statusCount; i++)
        {
            (statuses ??= []).Add(new WebhookStatus(phoneNumberId, valueStatuses![i].Recipient, valueStatuses[i].Status));
        }

        return true;
    }

    private string? ProfileNameOf(string waId)
    {
        if (contacts is not null)
        {
            foreach (var contact in contacts)
            {
                if (string.Equals(contact.WaId, waId, StringComparison.Ordinal))
                {
                    return contact.Name;
                }
            }
        }

        return null;
    }

    private bool ReadMetadata(ref Utf8JsonReader reader, out string? phoneNumberId)
    {
        phoneNumberId = null;
        item = "metadata";
        index = -1;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail($"{ValuePath}.metadata must be an object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("phone_number_id"u8))
            {
                reader.Skip();
            }
            else if (!ReadString(ref reader, "phone_number_id", MaxIdLength, out phoneNumberId))
            {
                return false;
            }
        }

        return true;
    }

    private bool ReadItems(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Fail($"{ValuePath}.{name} must be an array.");
        }

        item = name;
        for (index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail($"{ValuePath}.{name}[{index}] must be an object.");
            }

            var ok = name switch
            {
                "contacts" => ReadContact(ref reader),
                "messages" => ReadMessage(ref reader),
                _ => ReadStatus(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private bool ReadContact(ref Utf8JsonReader reader)
    {
        string? waId = null;
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("wa_id"u8))
            {
                if (!ReadWaId(ref reader, "wa_id", out waId))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("profile"u8))
            {
                if (!EnterObject(ref reader, "profile", out var present))
                {
                    return false;
                }

                while (present && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!reader.ValueTextEquals("name"u8))
                    {
                        reader.Skip();
                    }
                    else if (!ReadString(ref reader, "profile.name", MaxNameLength, out name, optional: true))
                    {
                        return false;
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (waId is null)
        {
            return Fail($"{At("wa_id")} is required.");
        }

        (contacts ??= []).Add((waId, name));
        return true;
    }

    private readonly record struct PendingMessage(
        string Id, string From, DateTimeOffset Timestamp, string Text, string Kind, string? ReplyId);
}
