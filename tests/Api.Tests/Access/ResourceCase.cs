namespace Truora.Api.Tests.Access;

/// <summary>
/// One call on a resource that exists (see <see cref="ExistingResources"/> for the placeholders): the status
/// <paramref name="Caller"/> must get, and the route the owning tenant's admin reads before and after it, which must
/// not change.
/// </summary>
/// <param name="Body">JSON, with the same placeholders as the path; null for none.</param>
public sealed record ResourceCase(ResourceCaller Caller, string Method, string Path, string? Body, int Expected, string ReadBack)
{
    public string Name => $"{Caller}: {Method} {Path}" + (Body is null ? "" : " " + Body);
}
