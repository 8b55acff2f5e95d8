using Truora.Grains.Flows;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>The flow runtime: blocks decide, the contact carries out what they decide.</summary>
public sealed partial class ContactGrain
{
    private TimeZoneInfo? zone;

    /// <summary>Feeds the user's message to the running flow, or starts the channel's default flow with it.</summary>
    private async Task ContinueFlowAsync(InboundMessage message, HistoryEntry entry)
    {
        var contact = state.State;
        var now = clock.GetUtcNow();
        if (contact.Session is { } expired && now >= expired.ExpiresAt)
        {
            contact.Session = null;
        }

        FlowVersion? started = null;
        if (contact.Session is null && await StartDefaultFlowAsync(now) is { } fresh)
        {
            contact.Session = fresh.Session;
            started = fresh.Version;
        }

        if (contact.Session is not { } session)
        {
            // No flow to run (no channel default): the message is kept, and nothing answers.
            AppendLog(entry);
            return;
        }

        session.Transcript.Add(entry with { BlockId = session.AwaitingVariable is null ? null : session.BlockId });
        session.LastUserMessageAt = message.Timestamp;
        if (session.AwaitingVariable is { } variable)
        {
            session.Variables[variable] = message.Text;
            session.AwaitingVariable = null;
            session.BlockId = session.AfterAnswer;
            session.AfterAnswer = null;
        }

        await RunAsync(session, started);
    }

    /// <summary>A new session of the channel's default flow, with the flow version it runs.</summary>
    private async Task<(FlowSession Session, FlowVersion Version)?> StartDefaultFlowAsync(DateTimeOffset now)
    {
        var channel = channelOfTurn ?? await GrainFactory.Reference<IWhatsAppChannelGrain>(Tenant.Value).GetAsync();
        if (channel?.DefaultFlowId is not { } flowId
            || await GrainFactory.Reference<IFlowGrain>(Interfaces.EntityId.Key(Tenant, flowId)).GetAsync() is not { } current)
        {
            return null;
        }

        var definition = flows.Get(Tenant, current);
        var lifetime = definition.ExpiresAfter ?? options.Value.SessionLifetime;
        var session = new FlowSession
        {
            FlowId = flowId,
            Version = current.Version,
            BlockId = definition.Start,
            StartedAt = now,
            ExpiresAt = now + lifetime,
            Lifetime = lifetime,
        };
        return (session, current);
    }

    /// <summary>
    /// Runs blocks until the flow waits for the user, hands off to an agent, or ends. A session just started
    /// comes with its version, which the flow grain has given a moment ago.
    /// </summary>
    private async Task RunAsync(FlowSession session, FlowVersion? known = null)
    {
        if ((known ?? await GrainFactory.Reference<IFlowGrain>(Interfaces.EntityId.Key(Tenant, session.FlowId)).GetVersionAsync(session.Version)) is not { } version)
        {
            EndSession(session, "The flow's version is gone; the session ended.");
            return;
        }

        var definition = flows.Get(Tenant, version);
        var timeZone = definition.ReadsClock ? await TimeZoneAsync() : TimeZoneInfo.Utc;
        var steps = 0;
        while (session.BlockId is { } blockId && session.AwaitingVariable is null && session.ConversationId is null)
        {
            if (++steps > options.Value.MaxStepsWithoutUser || !definition.Blocks.TryGetValue(blockId, out var block))
            {
                EndSession(session, steps > options.Value.MaxStepsWithoutUser
                    ? $"The flow was stopped after {options.Value.MaxStepsWithoutUser} blocks without waiting for the user (a loop?)."
                    : $"The flow has no block '{blockId}'; the session ended.");
                return;
            }

            var step = block.Run(new FlowContext(clock.GetUtcNow(), timeZone, session.Variables));
            if (step.Say is { } text)
            {
                var messageId = NewMessageId();
                Queue(new OutboundItem { MessageId = messageId, Text = text });
                session.Transcript.Add(new HistoryEntry(HistorySender.Bot, text, clock.GetUtcNow(), blockId, Delivery: DeliveryState.Pending, MessageId: messageId));
            }

            if (step.AwaitAnswerInto is { } variable)
            {
                session.AwaitingVariable = variable;
                session.AfterAnswer = step.Next;
                return;
            }

            if (step.HandOff is { } handoff)
            {
                await HandOffAsync(session, definition, handoff, step.Next);
                return;
            }

            session.BlockId = step.Next;
        }

        if (session.BlockId is null && session.AwaitingVariable is null && session.ConversationId is null)
        {
            state.State.Session = null;
        }
    }

    private async Task HandOffAsync(FlowSession session, FlowDefinition definition, FlowHandoff handoff, string? next)
    {
        var conversationId = NewConversationId();
        session.ConversationId = conversationId;
        session.ResumeAt = next;
        var transcript = session.Transcript.ToList();
        // The prompts move into the conversation: their delivery reports must follow them there, and only theirs.
        var moved = transcript.Select(entry => entry.MessageId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var item in state.State.Outbox.Where(item => item.ConversationId is null && moved.Contains(item.MessageId)))
        {
            item.ConversationId = conversationId;
        }

        session.Transcript.Clear();
        session.PendingOpening = new Interfaces.Conversations.ConversationOpening(
            Phone, state.State.Name, handoff.Mode, handoff.GroupId, handoff.AgentId, definition.ExpiresAfter,
            transcript, new Dictionary<string, string>(session.Variables, StringComparer.Ordinal), session.LastUserMessageAt);
        await WriteAsync();
        await OpenPendingAsync();
    }

    /// <summary>
    /// Opens the hand-off's conversation. The opening is written first, so the user's message is recorded even
    /// when the conversation's silo cannot be reached; then it is retried until the (idempotent) opening succeeds:
    /// soon by a timer, and by the retry reminder, armed before the caller hears back, if this silo goes first.
    /// True when it succeeded now: the cleared opening is then the caller's to write, with whatever else it changed.
    /// </summary>
    private async Task<bool> OpenPendingAsync()
    {
        if (state.State.Session is not { PendingOpening: { } opening, ConversationId: { } conversationId } session)
        {
            return false;
        }

        try
        {
            await Conversation(conversationId).OpenAsync(opening);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogOpeningDeferred(logger, Phone, conversationId, ex.Message);
            ScheduleOpeningRetry();
            await ArmRetryAsync();
            return false;
        }

        session.PendingOpening = null;
        return true;
    }

    private async Task RetryOpeningAsync()
    {
        if (await OpenPendingAsync())
        {
            await SaveAsync();
        }
    }

    private void ScheduleOpeningRetry() =>
        this.RegisterGrainTimer(static (grain, _) => grain.RetryOpeningAsync(), this,
            new GrainTimerCreationOptions(options.Value.OpeningRetry, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    private void EndSession(FlowSession session, string reason)
    {
        session.Transcript.Add(new HistoryEntry(HistorySender.System, reason, clock.GetUtcNow()));
        AppendLog(session.Transcript[^1]);
        state.State.Session = null;
        LogSessionEnded(logger, Phone, session.FlowId, reason);
    }

    private async Task<TimeZoneInfo> TimeZoneAsync()
    {
        if (zone is null)
        {
            var tenant = await GrainFactory.Reference<ITenantGrain>(Tenant.Value).GetAsync();
            zone = tenant is not null && TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        }

        return zone;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact {Phone} could not open conversation {ConversationId} yet; retrying: {Reason}")]
    private static partial void LogOpeningDeferred(ILogger logger, string phone, string conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flow session of {Phone} in flow {FlowId} ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string phone, string flowId, string reason);
}
