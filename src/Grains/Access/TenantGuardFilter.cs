using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Access;

/// <summary>
/// Deny by default: a call into a tenant-owned grain must carry the grain's own tenant in the request context.
/// The runtime's own callbacks (reminder ticks, and timer ticks, which a grain sends itself) carry no context;
/// they are let through and given the grain's tenant, so the calls they make are checked like any other.
/// </summary>
public sealed class TenantGuardFilter(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    private readonly ILogger logger = loggers.CreateLogger("Truora.Grains");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not ITenantOwnedGrain)
        {
            await context.Invoke();
            return;
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

        // Logs written while the grain works carry its tenant and key (a conversation's id, say) as scopes.
        using (logger.BeginScope(new GrainScope(owner, key)))
        {
            await context.Invoke();
        }
    }

    private sealed record GrainScope(string TenantId, string GrainKey) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index == 0
            ? new("TenantId", TenantId)
            : new("GrainKey", GrainKey);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"tenant {TenantId}, grain {GrainKey}";
    }
}
