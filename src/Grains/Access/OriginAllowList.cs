namespace Truora.Grains.Access;

/// <summary>
/// Origins the node may send a tenant's secrets to, from a setting such as
/// <c>https://graph.facebook.com,http://127.0.0.1</c>: each entry is <c>scheme://host[:port]</c>, and one without a
/// port allows any port of its host. A tenant admin chooses where the node posts (the Graph API's base URL, a
/// webhook's URL), so anything else, private addresses above all, is refused.
/// </summary>
public sealed class OriginAllowList
{
    private readonly (string Scheme, string Host, int? Port)[] entries;

    private OriginAllowList((string, string, int?)[] entries) => this.entries = entries;

    /// <summary>The entries as configured, for a refusal to name.</summary>
    public string Description => string.Join(", ", entries.Select(entry => entry.Port is { } port ? $"{entry.Scheme}://{entry.Host}:{port}" : $"{entry.Scheme}://{entry.Host}"));

    /// <summary>Reads a comma-separated setting; a malformed entry throws <see cref="FormatException"/> naming it.</summary>
    public static OriginAllowList Parse(string setting)
    {
        var parsed = new List<(string, string, int?)>();
        foreach (var raw in setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new FormatException($"'{raw}' is not an origin (scheme://host[:port]).");
            }

            parsed.Add((uri.Scheme, uri.IdnHost, WritesPort(raw, uri.Scheme) ? uri.Port : null));
        }

        return new OriginAllowList([.. parsed]);
    }

    /// <summary>
    /// Uri fills in the scheme's default port, so only a port written in the entry pins it: a colon after the host,
    /// which for an IPv6 literal (<c>[::1]</c>) is after its closing bracket.
    /// </summary>
    private static bool WritesPort(string entry, string scheme)
    {
        var authority = entry.AsSpan(scheme.Length + 3).TrimEnd('/');
        if (authority.StartsWith('['))
        {
            authority = authority[(authority.IndexOf(']') + 1)..];
        }

        return authority.Contains(':');
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL, without user info, on an allowed origin.</summary>
    public bool Allows(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0
        && entries.Any(entry => entry.Scheme == uri.Scheme
            && string.Equals(entry.Host, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
            && (entry.Port is not { } port || port == uri.Port));
}
