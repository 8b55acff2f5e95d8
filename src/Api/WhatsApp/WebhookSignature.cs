using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Truora.Api.WhatsApp;

/// <summary>Checks Meta's <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> header: HMAC-SHA256 of the raw body with the app secret.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    // Meta's app secrets are 32 hex characters; a longer one still works, from the heap.
    private const int StackKeyBytes = 256;

    public static bool IsValid(ReadOnlySpan<byte> body, string? headerValue, string appSecret)
    {
        if (headerValue is null
            || string.IsNullOrEmpty(appSecret)
            || headerValue.Length != Prefix.Length + (HMACSHA256.HashSizeInBytes * 2)
            || !headerValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(headerValue.AsSpan(Prefix.Length), claimed, out _, out var written) != OperationStatus.Done
            || written != claimed.Length)
        {
            return false;
        }

        var keyLength = Encoding.UTF8.GetByteCount(appSecret);
        Span<byte> key = keyLength <= StackKeyBytes ? stackalloc byte[StackKeyBytes] : new byte[keyLength];
        key = key[..Encoding.UTF8.GetBytes(appSecret, key)];
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, actual);
        CryptographicOperations.ZeroMemory(key);

        // Constant time, so response timing does not reveal how many leading bytes of a forged signature were right.
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }
}
