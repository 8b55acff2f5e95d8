namespace Truora.Grains.Access;

public sealed class SecretsOptions
{
    public const string Section = "Truora:Secrets";

    /// <summary>
    /// The key that encrypts tenants' secrets at rest: 32 random bytes in base64 (<c>openssl rand -base64 32</c>).
    /// Required with durable storage; in memory mode each process makes one, since nothing outlives it anyway.
    /// </summary>
    public string? Key { get; set; }
}
