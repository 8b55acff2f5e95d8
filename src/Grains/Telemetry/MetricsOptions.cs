namespace Truora.Grains.Telemetry;

public sealed class MetricsOptions
{
    public const string Section = "Truora:Metrics";

    /// <summary><c>GET /metrics</c> without the operator key (for a scraper on a trusted network only).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Label the per-tenant gauges (open, waiting) with the tenant id. Off by default: a scrape would otherwise list
    /// every tenant with its traffic, and one series per tenant grows with the customer base.
    /// </summary>
    public bool TenantLabels { get; set; }
}
