namespace Truora.Api.Events;

public sealed class EventStreamOptions
{
    public const string Section = "Truora:Events";

    /// <summary>How often an idle stream gets a comment line; the contract asks for at least every 15 seconds.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a stream renews its subscription (the inbox drops one not renewed in two minutes).</summary>
    public TimeSpan Renewal { get; set; } = TimeSpan.FromSeconds(30);
}
