namespace Truora.Grains.Interfaces.Access;

/// <summary>
/// The key directory: one grain per key, keyed by the SHA-256 of the key (hex), so a key is only ever
/// stored hashed and a lookup never passes through a per-tenant hot spot.
/// </summary>
[Alias("Truora.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Resolve")] Task<Caller?> ResolveAsync();

    [Alias("Grant")] Task GrantAsync(Caller caller);

    [Alias("Revoke")] Task RevokeAsync();
}
