using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

/// <summary>
/// A delivery status, the business number (Meta's <c>phone_number_id</c>) that sent the message, and the
/// recipient's <c>wa_id</c>, whose contact sent it.
/// </summary>
public readonly record struct WebhookStatus(string PhoneNumberId, string RecipientId, DeliveryStatusUpdate Status);
