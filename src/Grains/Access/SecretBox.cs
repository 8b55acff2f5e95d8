using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Truora.Grains.Access;

/// <summary>
/// Seals a tenant's secrets (the channel's access token and app secret) for storage with AES-256-GCM from the BCL:
/// one key from configuration shared by every node, a fresh nonce per value, and the tenant and field as associated
/// data, so a sealed value copied to another tenant's row or another field does not open. Chosen over ASP.NET Core
/// Data Protection, whose key ring would need a shared, protected store of its own on every node; here the one
/// secret to provision is the key.
/// </summary>
public sealed class SecretBox
{
    private const string Version = "v1.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Memory mode's key when none is configured: one per process, so every silo of an in-process cluster shares it.</summary>
    private static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(32));

    private readonly byte[] key;

    public SecretBox(IOptions<SecretsOptions> options)
    {
        key = string.IsNullOrWhiteSpace(options.Value.Key) ? ProcessKey.Value : ParseKey(options.Value.Key);
    }

    /// <summary>The key of a <see cref="SecretsOptions.Key"/> setting; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static byte[] ParseKey(string setting)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(setting.Trim(), bytes, out var written) && written == 32
            ? bytes
            : throw new FormatException("Truora:Secrets:Key must be 32 random bytes in base64 (openssl rand -base64 32).");
    }

    public string Seal(string plaintext, string tenant, string field)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), AssociatedData(tenant, field));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a sealed value; throws <see cref="CryptographicException"/> for another key, tenant or field.</summary>
    public string Open(string sealedValue, string tenant, string field)
    {
        if (!sealedValue.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException($"The stored {field} is not sealed in a format this node reads.");
        }

        var sealedBytes = new byte[sealedValue.Length];
        if (!Convert.TryFromBase64String(sealedValue[Version.Length..], sealedBytes, out var length) || length < NonceBytes + TagBytes)
        {
            throw new CryptographicException($"The stored {field} is not a sealed value.");
        }

        sealedBytes = sealedBytes[..length];
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, AssociatedData(tenant, field));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(string tenant, string field) => Encoding.UTF8.GetBytes($"{tenant}/{field}");
}
