using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Tenants;

namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>One WhatsApp user of a tenant, writing at the fake clock's current time.</summary>
internal sealed class WhatsAppUser(FlowRuntimeCluster fixture, TenantScope tenant, string phone)
{
    public string Phone => phone;

    /// <summary>Delivers a message as the webhook does; it returns once the contact has acted on it.</summary>
    public Task SaysAsync(string text) => tenant.Contact(phone).ReceiveAsync(new InboundMessage(
        "wamid." + Guid.NewGuid().ToString("N"), phone, "Ana", fixture.Now, text, InboundMessageKinds.Text), channel: null);
}
