using System.ComponentModel.DataAnnotations;

namespace Truora.Api.Access;

public sealed class RateLimitOptions
{
    public const string Section = "Truora:RateLimit";

    /// <summary>Requests a key may make per second, on average; it may burst to twice this.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;
}
