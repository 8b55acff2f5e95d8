using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Access;

/// <summary>
/// Deny by default: a call into a tenant-owned grain must carry the grain's own tenant in the request context.
/// The runtime's own callbacks (reminder ticks, and timer ticks, which a grain sends itself) carry no context;
/// they are let through and given the grain's tenant, so the calls they make are checked like any other.
/// </summary>
public sealed class TenantGuardFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not ITenantOwnedGrain)
        {
            return context.Invoke();
        }

        var key = context.TargetId.Key.ToString();
        var owner = EntityId.TenantOf(key) ?? key;
        if (context.InterfaceMethod.DeclaringType == typeof(IRemindable) || context.SourceId == context.TargetId)
        {
            RequestContext.Set(TenantContext.Key, owner);
        }
        else if (!string.Equals(TenantContext.Current, owner, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException(
                $"A call for tenant '{TenantContext.Current ?? "(none)"}' may not reach a grain of tenant '{owner}'.");
        }

        return context.Invoke();
    }
}
