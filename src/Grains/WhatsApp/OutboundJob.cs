using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.WhatsApp;

/// <summary>One message for the sender: already durable in its contact's outbox, which hears back when it is sent.</summary>
public sealed record OutboundJob(TenantId Tenant, string Phone, string MessageId, string Text, OutboundTemplate? Template)
{
    public string Key => $"{Tenant.Value}/{Phone}/{MessageId}";
}
