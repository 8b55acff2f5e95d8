using Microsoft.Extensions.DependencyInjection;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Tenants;
using Truora.Tests;

namespace Truora.Api.Tests.Events;

/// <summary>A member's event inbox on an in-process node, read past the API: what it holds and who listens.</summary>
internal static class AgentInboxes
{
    /// <summary>
    /// The inbox of <paramref name="member"/>, with its tenant entered in the calling test's request context (set in a
    /// synchronous method, it stays there).
    /// </summary>
    public static IAgentInboxGrain Of(InProcessNode node, string tenant, string member)
    {
        TenantContext.Enter(new TenantId(tenant));
        return node.Services.GetRequiredService<IGrainFactory>().GetGrain<IAgentInboxGrain>(EntityId.Key(new TenantId(tenant), member));
    }

    /// <summary>Waits until <paramref name="expected"/> streams are subscribed to the member's inbox.</summary>
    public static Task WaitForSubscribersAsync(InProcessNode node, string tenant, string member, int expected) =>
        Poll.UntilAsync(() => Of(node, tenant, member).CountSubscribersAsync(), count => count == expected, $"the inbox of {member} to count {expected} subscriber(s)");
}
