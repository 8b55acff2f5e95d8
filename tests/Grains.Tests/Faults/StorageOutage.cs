namespace Truora.Grains.Tests.Faults;

/// <summary>The switch of an <see cref="UnreachableWhenDownStorage"/>: while down, every read and write fails as a database's would.</summary>
public sealed class StorageOutage
{
    private volatile bool down;

    public bool IsDown => down;

    public void Begin() => down = true;

    public void End() => down = false;
}
