using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Contacts;

/// <summary>A user's run through one version of a flow.</summary>
[GenerateSerializer, Alias("Truora.FlowSession")]
public sealed class FlowSession
{
    [Id(0)] public string FlowId { get; set; } = "";
    [Id(1)] public int Version { get; set; }

    /// <summary>The block to run next, or the question waiting for its answer.</summary>
    [Id(2)] public string? BlockId { get; set; }

    /// <summary>Set while a question waits: the variable the answer goes into.</summary>
    [Id(3)] public string? AwaitingVariable { get; set; }

    /// <summary>Where the flow goes once the awaited answer arrives.</summary>
    [Id(4)] public string? AfterAnswer { get; set; }

    [Id(5)] public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Prompts and answers since the flow started (or resumed); a hand-off moves them into the conversation.</summary>
    [Id(6)] public List<HistoryEntry> Transcript { get; set; } = [];

    [Id(7)] public DateTimeOffset StartedAt { get; set; }
    [Id(8)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The conversation an agent holds the user in; the flow waits until it ends.</summary>
    [Id(9)] public string? ConversationId { get; set; }

    /// <summary>The hand-off block's next: where the flow goes on when the agent closes the conversation.</summary>
    [Id(10)] public string? ResumeAt { get; set; }

    [Id(11)] public DateTimeOffset? LastUserMessageAt { get; set; }

    /// <summary>How long the session lives from its start, and again from each resume after an agent's close.</summary>
    [Id(12)] public TimeSpan Lifetime { get; set; }

    /// <summary>A hand-off whose conversation could not be opened yet (a silo died under it); retried until it is.</summary>
    [Id(13)] public Interfaces.Conversations.ConversationOpening? PendingOpening { get; set; }
}
