namespace Truora.Grains.Interfaces.Conversations;

[GenerateSerializer, Immutable, Alias("Truora.ConversationReply")]
public sealed record ConversationReply(
    [property: Id(0)] ConversationOutcome Outcome,
    [property: Id(1)] ConversationSummary? Conversation = null,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] TimeSpan? RetryAfter = null)
{
    public static ConversationReply Ok(ConversationSummary conversation) => new(ConversationOutcome.Ok, conversation);

    public static ConversationReply Refused(ConversationOutcome outcome, string detail) => new(outcome, Detail: detail);
}
