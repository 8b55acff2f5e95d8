using System.Security.Cryptography;
using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Access;

/// <summary>Fresh API keys in <see cref="ApiKeyFormat"/>: 32 random bytes, base64url, behind the kind's prefix.</summary>
internal static class ApiKeys
{
    public static string New(string prefix) =>
        prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ApiKeyFormat.RandomBytes));
}
