using Truora.Grains.Flows;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>
/// The flow runtime: a session moves here, without a grain or any I/O. Blocks decide; this applies their decisions to
/// the session and tells the contact what it must carry out (<see cref="FlowRun"/>); the contact reads flows, time
/// zones and channels, sends, and opens conversations.
/// </summary>
public sealed class FlowRuntime(TimeProvider clock, ContactOptions options)
{
    /// <summary>A session of <paramref name="definition"/> (version <paramref name="version"/> of its flow) starting now.</summary>
    public FlowSession Start(string flowId, int version, FlowDefinition definition)
    {
        var now = clock.GetUtcNow();
        var lifetime = definition.ExpiresAfter ?? options.SessionLifetime;
        return new FlowSession
        {
            FlowId = flowId,
            Version = version,
            BlockId = definition.Start,
            StartedAt = now,
            ExpiresAt = now + lifetime,
            Lifetime = lifetime,
        };
    }

    public bool HasExpired(FlowSession session) => clock.GetUtcNow() >= session.ExpiresAt;

    /// <summary>The user's message joins the transcript; when a question waits, it is the answer, and the flow moves on.</summary>
    public void Accept(FlowSession session, HistoryEntry message, DateTimeOffset sentAt)
    {
        session.Transcript.Add(message with { BlockId = session.AwaitingVariable is null ? null : session.BlockId });
        session.LastUserMessageAt = sentAt;
        if (session.AwaitingVariable is { } variable)
        {
            session.Variables[variable] = message.Text;
            session.AwaitingVariable = null;
            session.BlockId = session.AfterAnswer;
            session.AfterAnswer = null;
        }
    }

    /// <summary>Runs blocks from the session's current one until the flow waits for the user, hands off, or ends.</summary>
    public FlowRun Run(FlowSession session, FlowDefinition definition, TimeZoneInfo zone)
    {
        var prompts = new List<FlowPrompt>();
        if (session.AwaitingVariable is not null)
        {
            return new FlowRun(FlowRunOutcome.AwaitingAnswer, prompts);
        }

        var steps = 0;
        while (session.BlockId is { } blockId)
        {
            if (++steps > options.MaxStepsWithoutUser)
            {
                return Stop(session, prompts, $"The flow was stopped after {options.MaxStepsWithoutUser} blocks without waiting for the user (a loop?).");
            }

            if (!definition.Blocks.TryGetValue(blockId, out var block))
            {
                return Stop(session, prompts, $"The flow has no block '{blockId}'; the session ended.");
            }

            var now = clock.GetUtcNow();
            var step = block.Run(new FlowContext(now, zone, session.Variables));
            if (step.Say is { } text)
            {
                var prompt = new FlowPrompt(OutboundIds.NewMessage(), text);
                prompts.Add(prompt);
                session.Transcript.Add(new HistoryEntry(HistorySender.Bot, text, now, blockId, Delivery: DeliveryState.Pending, MessageId: prompt.MessageId));
            }

            if (step.AwaitAnswerInto is { } variable)
            {
                session.AwaitingVariable = variable;
                session.AfterAnswer = step.Next;
                return new FlowRun(FlowRunOutcome.AwaitingAnswer, prompts);
            }

            if (step.HandOff is { } handoff)
            {
                session.ResumeAt = step.Next;
                return new FlowRun(FlowRunOutcome.HandingOff, prompts, handoff);
            }

            session.BlockId = step.Next;
        }

        return new FlowRun(FlowRunOutcome.Completed, prompts);
    }

    /// <summary>The session cannot run (its flow version is gone, say): it ends with a note in its transcript.</summary>
    public FlowRun Stop(FlowSession session, string reason) => Stop(session, [], reason);

    /// <summary>
    /// The hand-off's conversation ended. An agent's close resumes the flow at the hand-off block's next, with a
    /// fresh lifetime; false when the session ends instead (an expiry ends it quietly: the user's next message starts afresh).
    /// </summary>
    public bool Resume(FlowSession session, ClosedReason reason)
    {
        if (reason is ClosedReason.Expired)
        {
            return false;
        }

        session.ConversationId = null;
        session.BlockId = session.ResumeAt;
        session.ResumeAt = null;
        session.ExpiresAt = clock.GetUtcNow() + (session.Lifetime > TimeSpan.Zero ? session.Lifetime : options.SessionLifetime);
        return true;
    }

    private FlowRun Stop(FlowSession session, List<FlowPrompt> prompts, string reason)
    {
        session.Transcript.Add(new HistoryEntry(HistorySender.System, reason, clock.GetUtcNow()));
        return new FlowRun(FlowRunOutcome.Stopped, prompts, StoppedBecause: reason);
    }
}
