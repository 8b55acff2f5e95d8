using System.ComponentModel.DataAnnotations;
using Truora.Grains.Access;

namespace Truora.Grains.WhatsApp;

public sealed class WhatsAppOptions
{
    public const string Section = "Truora:WhatsApp";

    /// <summary>
    /// Messages posted to the Graph API at once, across the node's tenants: a post waits on Meta, not on this CPU, so
    /// the outbound rate is about this number over Meta's latency (BENCHMARKS.md, "Outbound posts were capped at 16").
    /// </summary>
    [Range(1, 256)]
    public int SendConcurrency { get; set; } = 128;

    /// <summary>Retries of a failed post (429, 5xx, timeouts) before the message is marked failed.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles it, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one post may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The origins a channel's <c>graphApiBaseUrl</c> may name, comma-separated <c>scheme://host[:port]</c> (no port: any
    /// port of that host). The node posts the tenant's access token there, so it is the operator's list, not the tenant's.
    /// </summary>
    [Required]
    public string AllowedGraphOrigins { get; set; } = "https://graph.facebook.com";

    /// <summary><see cref="AllowedGraphOrigins"/> read once (the options are validated at start-up).</summary>
    public OriginAllowList GraphOrigins => graphOrigins ??= OriginAllowList.Parse(AllowedGraphOrigins);

    private OriginAllowList? graphOrigins;
}
