using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

/// <summary>An inbound message and the business number (Meta's <c>phone_number_id</c>) it was sent to.</summary>
public readonly record struct WebhookMessage(string PhoneNumberId, InboundMessage Message);
