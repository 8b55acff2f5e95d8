namespace Truora.Api.WhatsApp.Payload;

/// <summary>Meta's webhook body: <c>{"object": "whatsapp_business_account", "entry": [...]}</c>.</summary>
internal sealed class WebhookBody
{
    public const string WhatsAppBusinessAccount = "whatsapp_business_account";

    /// <summary>The product the webhook is for; Meta always sends it, and a body without it is read as WhatsApp's.</summary>
    public string Object { get; set; } = WhatsAppBusinessAccount;

    /// <summary>Null items are kept so the mapper can name them; the serializer checks only a list's own nullability.</summary>
    public IReadOnlyList<Entry?> Entry { get; set; } = [];
}
