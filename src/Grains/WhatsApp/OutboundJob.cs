using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.WhatsApp;

/// <summary>
/// A contact's next messages for the sender, oldest first: already durable in its outbox, posted one after
/// another and reported back together. A contact hands over its next job only once the last is reported, so the
/// user reads them in order; an offer repeated meanwhile starts with the same message, hence the same key.
/// <see cref="Channel"/> is the tenant's channel when the contact's turn was given it; otherwise the sender reads it.
/// </summary>
public sealed record OutboundJob(TenantId Tenant, ContactId Contact, IReadOnlyList<OutboundMessage> Messages, WhatsAppChannelSettings? Channel = null)
{
    /// <summary>Read twice per job (queued, then released): made once.</summary>
    public string Key { get; } = $"{Tenant.Value}/{Contact.Value}/{Messages[0].MessageId}";
}

/// <summary>One message of a job.</summary>
public sealed record OutboundMessage(string MessageId, string Text, OutboundTemplate? Template);
