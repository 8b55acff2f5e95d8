namespace Truora.Api.Access;

public sealed class RateLimitOptions
{
    public const string Section = "Truora:RateLimit";

    /// <summary>Requests a key may make per second, on average; it may burst to twice this.</summary>
    public int PermitsPerSecond { get; set; } = 200;
}
