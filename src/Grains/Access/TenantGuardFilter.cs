using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Access;

/// <summary>
/// Deny by default: a call into a tenant-owned grain must carry the grain's own tenant in the request
/// context. Reminder ticks come from the runtime, carry no context, and are let through.
/// </summary>
public sealed class TenantGuardFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ITenantOwnedGrain && context.InterfaceMethod.DeclaringType != typeof(IRemindable))
        {
            var key = context.TargetId.Key.ToString();
            var owner = EntityId.TenantOf(key) ?? key;
            if (!string.Equals(TenantContext.Current, owner, StringComparison.Ordinal))
            {
                throw new UnauthorizedAccessException(
                    $"A call for tenant '{TenantContext.Current ?? "(none)"}' may not reach a grain of tenant '{owner}'.");
            }
        }

        return context.Invoke();
    }
}
