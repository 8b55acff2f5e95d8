using System.Security.Cryptography;

namespace Truora.Grains.Access;

/// <summary>Fresh API keys: 32 random bytes, base64url, behind a prefix saying what kind of key it is.</summary>
internal static class ApiKeys
{
    public const string TenantAdminPrefix = "tk_";
    public const string MemberPrefix = "mk_";

    public static string New(string prefix) =>
        prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
