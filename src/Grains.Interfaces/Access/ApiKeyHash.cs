using System.Security.Cryptography;
using System.Text;

namespace Truora.Grains.Interfaces.Access;

/// <summary>The key of <see cref="IApiKeyGrain"/>: the lowercase hex SHA-256 of the key's UTF-8 bytes.</summary>
public static class ApiKeyHash
{
    private const int MaxStackKeyBytes = 256;

    public static string Of(string key)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        Span<byte> bytes = length <= MaxStackKeyBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(key, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
