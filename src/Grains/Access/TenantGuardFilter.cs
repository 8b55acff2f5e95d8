using System.Collections.Concurrent;
using System.Text;
using Orleans.Metadata;
using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Access;

/// <summary>
/// Deny by default: a call into a tenant-owned grain must come from the grain's own tenant. A call from another
/// tenant-owned grain is judged by the caller's key, which no code can forge; a call from outside the grains (the
/// HTTP API, the WhatsApp sender) by the tenant in its request context. The runtime's own callbacks (reminder
/// ticks, and timer ticks, which a grain sends itself) are let through.
/// </summary>
/// <remarks>
/// Once a call is let in, the tenant is taken out of the request context: the grain's own calls are judged by
/// its key, and the context would otherwise be copied into every message the grain sends (a dictionary per
/// call, a tenth of the bytes the ingest path allocated; BENCHMARKS.md).
/// </remarks>
public sealed class TenantGuardFilter(ILoggerFactory loggers, GrainClassMap grainClasses) : IIncomingGrainCallFilter
{
    private readonly ILogger logger = loggers.CreateLogger("Truora.Grains");
    private readonly ConcurrentDictionary<GrainType, bool> tenantOwnedTypes = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not ITenantOwnedGrain)
        {
            return context.Invoke();
        }

        var target = context.TargetId;
        var isRuntimeCallback = context.InterfaceMethod.DeclaringType == typeof(IRemindable) || context.SourceId == target;
        if (!isRuntimeCallback)
        {
            if (context.SourceId is { } source && IsTenantOwned(source.Type))
            {
                if (!SameTenant(source.Key.AsSpan(), target.Key.AsSpan()))
                {
                    throw Refused(TenantOf(source.Key.AsSpan()), target);
                }
            }
            else if (TenantContext.Current is not { } caller || !IsTenantOf(caller, target.Key.AsSpan()))
            {
                throw Refused(TenantContext.Current, target);
            }
        }

        if (TenantContext.Current is not null)
        {
            RequestContext.Remove(TenantContext.Key);
        }

        return InvokeInScope(context, target);
    }

    /// <summary>Logs written while the grain works carry its tenant and key (a conversation's id, say) as scopes.</summary>
    private async Task InvokeInScope(IIncomingGrainCallContext context, GrainId grain)
    {
        using (logger.BeginScope(new GrainScope(grain)))
        {
            await context.Invoke();
        }
    }

    private bool IsTenantOwned(GrainType type) =>
        tenantOwnedTypes.GetOrAdd(type, static (type, classes) =>
            classes.TryGetGrainClass(type, out var grainClass) && grainClass.IsAssignableTo(typeof(ITenantOwnedGrain)), grainClasses);

    private static ReadOnlySpan<byte> TenantPart(ReadOnlySpan<byte> key)
    {
        var slash = key.IndexOf((byte)'/');
        return slash > 0 ? key[..slash] : key;
    }

    private static bool SameTenant(ReadOnlySpan<byte> source, ReadOnlySpan<byte> target) =>
        TenantPart(source).SequenceEqual(TenantPart(target));

    /// <summary>Tenant ids are ASCII (<see cref="Interfaces.EntityId.Pattern"/>), so a char compares with a byte.</summary>
    private static bool IsTenantOf(string tenant, ReadOnlySpan<byte> key)
    {
        var part = TenantPart(key);
        if (part.Length != tenant.Length)
        {
            return false;
        }

        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] != tenant[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string TenantOf(ReadOnlySpan<byte> key) => Encoding.UTF8.GetString(TenantPart(key));

    private static UnauthorizedAccessException Refused(string? caller, GrainId target) =>
        new($"A call for tenant '{caller ?? "(none)"}' may not reach a grain of tenant '{TenantOf(target.Key.AsSpan())}'.");

    /// <summary>The grain's id, turned into strings only when a log entry is written.</summary>
    private sealed class GrainScope(GrainId grain) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index == 0
            ? new("TenantId", TenantOf(grain.Key.AsSpan()))
            : new("GrainKey", grain.Key.ToString());

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"tenant {TenantOf(grain.Key.AsSpan())}, grain {grain.Key}";
    }
}
