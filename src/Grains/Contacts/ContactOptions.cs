using System.ComponentModel.DataAnnotations;

namespace Truora.Grains.Contacts;

public sealed class ContactOptions
{
    public const string Section = "Truora:Contacts";

    /// <summary>How many recent inbound message ids a contact remembers to ignore Meta's retries.</summary>
    [Range(1, 100_000)]
    public int SeenMessageIdsKept { get; set; } = 200;

    /// <summary>How many entries of the contact's own log (messages while locked, templates) are kept.</summary>
    [Range(1, 10_000)]
    public int LogEntriesKept { get; set; } = 100;

    /// <summary>How many sent messages are remembered to match Meta's status webhooks to them.</summary>
    [Range(1, 10_000)]
    public int SentMessagesKept { get; set; } = 200;

    /// <summary>The longest a flow session lives when its flow sets no <c>expiresAfter</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Blocks a flow may run in a row without waiting for the user before it is cut as a loop.</summary>
    [Range(1, 10_000)]
    public int MaxStepsWithoutUser { get; set; } = 50;

    /// <summary>
    /// The period of the contact's retry reminder: how often messages not yet confirmed sent (and a hand-off not yet
    /// opened) are offered again, from whichever silo holds the contact.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan OutboxRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How soon a hand-off whose conversation could not be opened (its silo unreachable) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan OpeningRetry { get; set; } = TimeSpan.FromSeconds(2);
}
