using Truora.Grains.Flows;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>The contact's side of a flow: reading flows and time zones, sending what the runtime decided, opening hand-offs.</summary>
public sealed partial class ContactGrain
{
    private TimeZoneInfo? zone;

    /// <summary>Feeds the user's message to the running flow, or starts the channel's default flow with it.</summary>
    private async Task ContinueFlowAsync(InboundMessage message, HistoryEntry entry)
    {
        var contact = state.State;
        if (contact.Session is { } expired && runtime.HasExpired(expired))
        {
            contact.Session = null;
        }

        FlowVersion? started = null;
        if (contact.Session is null && await CurrentDefaultFlowAsync() is { } current)
        {
            contact.Session = runtime.Start(current.FlowId, current.Version, flows.Get(Tenant, current));
            started = current;
        }

        if (contact.Session is not { } session)
        {
            // No flow to run (no channel default): the message is kept, and nothing answers.
            AppendLog(entry);
            return;
        }

        runtime.Accept(session, entry, message.Timestamp);
        await RunAsync(session, started);
    }

    /// <summary>The current version of the channel's default flow, if the channel names one that exists.</summary>
    private async Task<FlowVersion?> CurrentDefaultFlowAsync()
    {
        var channel = channelOfTurn ?? await GrainFactory.Reference<IWhatsAppChannelGrain>(Tenant.Value).GetAsync();
        return channel?.DefaultFlowId is { } flowId ? await Flow(flowId).GetAsync() : null;
    }

    /// <summary>
    /// Runs the session and carries out what the run decided. A session just started comes with its version, which
    /// the flow grain has given a moment ago.
    /// </summary>
    private async Task RunAsync(FlowSession session, FlowVersion? known = null)
    {
        if ((known ?? await Flow(session.FlowId).GetVersionAsync(session.Version)) is not { } version)
        {
            EndSession(session, runtime.Stop(session, "The flow's version is gone; the session ended."));
            return;
        }

        var definition = flows.Get(Tenant, version);
        var run = runtime.Run(session, definition, definition.ReadsClock ? await TimeZoneAsync() : TimeZoneInfo.Utc);
        foreach (var prompt in run.Prompts)
        {
            Queue(new OutboundItem { MessageId = prompt.MessageId, Text = prompt.Text });
        }

        switch (run.Outcome)
        {
            case FlowRunOutcome.HandingOff:
                await HandOffAsync(session, definition, run.Handoff!);
                break;
            case FlowRunOutcome.Completed:
                state.State.Session = null;
                break;
            case FlowRunOutcome.Stopped:
                EndSession(session, run);
                break;
        }
    }

    private async Task HandOffAsync(FlowSession session, FlowDefinition definition, FlowHandoff handoff)
    {
        var conversationId = OutboundIds.NewConversation();
        session.ConversationId = conversationId.Value;
        var transcript = session.Transcript.ToList();
        // The prompts move into the conversation: their delivery reports must follow them there, and only theirs.
        var moved = transcript.Select(entry => entry.MessageId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var item in state.State.Outbox.Where(item => item.ConversationId is null && moved.Contains(item.MessageId)))
        {
            item.ConversationId = conversationId.Value;
        }

        session.Transcript.Clear();
        session.PendingOpening = new ConversationOpening(
            Id, state.State.Name, handoff.Mode,
            handoff.GroupId is { } group ? GroupId.Parse(group) : null,
            handoff.AgentId is { } agent ? AgentId.Parse(agent) : null,
            definition.ExpiresAfter,
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
        if (state.State.Session is not { PendingOpening: { } opening } session || ConversationOf(session) is not { } conversationId)
        {
            return false;
        }

        try
        {
            await Conversation(conversationId).OpenAsync(opening);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogOpeningDeferred(logger, Id, conversationId, ex.Message);
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

    /// <summary>The session stopped: the reason, already in its transcript, is kept in the contact's log too.</summary>
    private void EndSession(FlowSession session, FlowRun run)
    {
        AppendLog(session.Transcript[^1]);
        state.State.Session = null;
        LogSessionEnded(logger, Id, session.FlowId, run.StoppedBecause!);
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

    private IFlowGrain Flow(string flowId) => GrainFactory.Reference<IFlowGrain>(EntityId.Key(Tenant, flowId));
}
