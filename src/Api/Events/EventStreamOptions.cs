using System.ComponentModel.DataAnnotations;

namespace Truora.Api.Events;

public sealed class EventStreamOptions
{
    public const string Section = "Truora:Events";

    /// <summary>How often an idle stream gets a comment line; the contract asks for at least every 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:15")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a stream renews its subscription (the inbox drops one not renewed in two minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:30")]
    public TimeSpan Renewal { get; set; } = TimeSpan.FromSeconds(30);
}
