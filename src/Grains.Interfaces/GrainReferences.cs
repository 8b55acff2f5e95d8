namespace Truora.Grains.Interfaces;

/// <summary>
/// Grain references without Orleans' per-call type resolution. <c>GetGrain&lt;T&gt;(key)</c> in Orleans 10.4 formats
/// and parses the interface's type name and reads its attributes on every call, which made it one of the hot
/// paths' largest allocators (BENCHMARKS.md). The grain type and interface type never change for an interface, so
/// they are resolved once, through <c>GetGrain</c> itself, and every later reference is built from them.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey
    {
        var types = ResolvedTypes<T>.Value ??= ResolvedTypes<T>.Resolve(grains);
        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private sealed record ResolvedTypes<T>(GrainType Grain, GrainInterfaceType Interface)
        where T : IGrainWithStringKey
    {
        public static ResolvedTypes<T>? Value;

        public static ResolvedTypes<T> Resolve(IGrainFactory grains)
        {
            var reference = (GrainReference)(object)grains.GetGrain<T>("type-probe");
            return new ResolvedTypes<T>(reference.GrainId.Type, reference.InterfaceType);
        }
    }
}
