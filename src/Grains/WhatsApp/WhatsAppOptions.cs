namespace Truora.Grains.WhatsApp;

public sealed class WhatsAppOptions
{
    public const string Section = "Truora:WhatsApp";

    /// <summary>
    /// Messages posted to the Graph API at once, across all tenants of the node. Each post waits on Meta's answer,
    /// not on this node's CPU, so the node's outbound rate is about this number over Meta's latency: 16 capped a
    /// node at ~4k posts/s even against a local stand-in, and queued flow prompts long enough to arm their
    /// contacts' durable outbox reminders (BENCHMARKS.md).
    /// </summary>
    public int SendConcurrency { get; set; } = 128;

    /// <summary>Retries of a failed post (429, 5xx, timeouts) before the message is marked failed.</summary>
    public int RetryAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles it, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one post may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
