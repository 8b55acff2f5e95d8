using System.ComponentModel.DataAnnotations;

namespace Truora.Grains.Events;

public sealed class AgentInboxOptions
{
    public const string Section = "Truora:Events:Inbox";

    /// <summary>
    /// How long an agent's new events wait to be written together (and how soon a failed write is tried again): a
    /// burst of events costs one write of the replay buffer, not one each.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FlushDelay { get; set; } = TimeSpan.FromSeconds(1);
}
