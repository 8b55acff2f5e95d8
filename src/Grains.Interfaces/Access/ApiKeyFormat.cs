namespace Truora.Grains.Interfaces.Access;

/// <summary>
/// The shape of the keys the server issues: a prefix saying what kind of key it is, then 32 random bytes in
/// base64url (43 characters). A bearer value of any other shape is refused without a look-up.
/// </summary>
public static class ApiKeyFormat
{
    public const string TenantAdminPrefix = "tk_";
    public const string MemberPrefix = "mk_";
    public const int RandomBytes = 32;

    /// <summary>43: base64url of 32 bytes, unpadded.</summary>
    private const int RandomChars = (RandomBytes * 4 + 2) / 3;

    /// <remarks>Both prefixes are three characters: one length check serves both.</remarks>
    public static bool IsWellFormed(ReadOnlySpan<char> key) =>
        key.Length == TenantAdminPrefix.Length + RandomChars
        && (key.StartsWith(TenantAdminPrefix, StringComparison.Ordinal) || key.StartsWith(MemberPrefix, StringComparison.Ordinal))
        && IsBase64Url(key[TenantAdminPrefix.Length..]);

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
