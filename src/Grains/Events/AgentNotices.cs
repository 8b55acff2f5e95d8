using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Events;

/// <summary>Publishing an event to an agent's inbox, from any grain of the tenant.</summary>
public static class AgentNotices
{
    public static Task PublishAsync(this IGrainFactory grains, TenantId tenant, AgentId agentId, AgentNotice notice) =>
        grains.Reference<IAgentInboxGrain>(EntityId.Key(tenant, agentId.Value)).PublishAsync(notice);
}
