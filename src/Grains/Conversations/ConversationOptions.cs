using System.ComponentModel.DataAnnotations;

namespace Truora.Grains.Conversations;

public sealed class ConversationOptions
{
    public const string Section = "Truora:Conversations";

    /// <summary>The longest a conversation stays open: the contract's 24 hours, lowered only in tests.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "30.00:00:00")]
    public TimeSpan MaxOpen { get; set; } = TimeSpan.FromHours(24);

    /// <summary>WhatsApp's customer-service window after the user's latest message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "30.00:00:00")]
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the durable expiry reminder retries if a close did not stick.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ExpiryRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How soon a routing that failed (a silo died under it) is tried again while the grain is active.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RoutingRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many UTC days back (today included) the <c>all</c> list covers, by when conversations opened.</summary>
    [Range(1, 92)]
    public int ListDays { get; set; } = 7;

    /// <summary>The notice the user gets when an agent finishes, unless the channel sets one.</summary>
    [Required, MaxLength(4096)]
    public string DefaultFinishMessage { get; set; } = "This conversation has ended. Thank you!";
}
