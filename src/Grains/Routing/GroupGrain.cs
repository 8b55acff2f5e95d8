using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Events;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Storage;
using Truora.Grains.Telemetry;

namespace Truora.Grains.Routing;

/// <summary>
/// One agent group: its members, its rotation cursor and its waiting queue. A single activation per group
/// makes the rotation fair across silos without locks; it calls agents and conversations only through their
/// interleaving methods, and nothing it calls calls it back (<see cref="IGroupRoutingGrain"/>). Hand-offs
/// interleave (a busy group would otherwise wait on one agent round trip per chat), so state changes happen before
/// each await and writes are coalesced.
/// </summary>
public sealed partial class GroupGrain(
    [PersistentState("group", GrainStorage.Name)] IPersistentState<GroupState> state,
    IOptions<RoutingOptions> options,
    TruoraMetrics metrics,
    ShutdownReach shutdown,
    ILogger<GroupGrain> logger) : Grain, IGroupGrain, IGroupRoutingGrain, ITenantOwnedGrain
{
    private readonly StateWriter<GroupState> writer = new(state);
    private IGrainTimer? drainTimer;
    private IGrainTimer? cursorFlush;

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private GroupId? id;

    private GroupId Id => id ??= GroupId.Parse(EntityId.LocalIdOf(this.GetPrimaryKeyString()));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleDrain();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (cursorFlush is not null && state.RecordExists && shutdown.CanWriteState(reason))
        {
            try
            {
                await writer.WriteAsync();
            }
            catch (OrleansException ex)
            {
                // Only the cursor was unsaved (where the next rotation starts): worth a warning, not a failure.
                LogCursorNotSaved(logger, Id, ex.Message);
            }
        }
    }

    public async Task<AgentId?> HandOffAsync(HandoffTicket ticket)
    {
        if (ticket.AgentId is { } named)
        {
            // Asked whether or not the group still exists, and not through the rotation's wrapper: an agent that
            // cannot be reached fails the hand-off, which the conversation retries, instead of counting as gone.
            if (await Agent(named).TryTakeAsync(ticket.ConversationId, Eligibility.Any) is not AgentTake.Refused)
            {
                return named;
            }

            // The named agent left: the conversation waits for an assignment, as with mode none.
            ticket = ticket with { Mode = RotationMode.None, AgentId = null };
        }

        if (!state.RecordExists || state.State.Waiting.Exists(waiting => waiting.ConversationId == ticket.ConversationId))
        {
            return null;
        }

        if (ticket.Mode is not RotationMode.None && await RotateAsync(ticket) is { } owner)
        {
            return owner;
        }

        state.State.Waiting.Add(ticket);
        metrics.QueueChanged(Tenant.Value, +1);
        await writer.WriteAsync();
        ScheduleDrain();
        var waiting = new AgentNotice(AgentEventTypes.Waiting, ticket.ConversationId, ticket.WaitingSince, GroupId: Id);
        foreach (var member in state.State.MemberIds.ToArray())
        {
            await GrainFactory.PublishAsync(Tenant, AgentId.Parse(member), waiting);
        }

        return null;
    }

    public async Task AgentFreedAsync(AgentId agentId)
    {
        if (state.RecordExists && state.State.MemberIds.Contains(agentId.Value))
        {
            await DrainToAsync(agentId);
        }
    }

    public async Task DequeueAsync(ConversationId conversationId)
    {
        var removed = state.State.Waiting.RemoveAll(waiting => waiting.ConversationId == conversationId);
        if (removed > 0)
        {
            metrics.QueueChanged(Tenant.Value, -removed);
            await writer.WriteAsync();
        }
    }

    public Task<IReadOnlyList<ConversationId>> ListWaitingAsync() =>
        Task.FromResult<IReadOnlyList<ConversationId>>([.. state.State.Waiting.Select(waiting => waiting.ConversationId)]);

    /// <summary>
    /// Offers the ticket to each eligible agent once, in the order of a turn of the rotation (<see cref="GroupRotation"/>),
    /// taken before the first await.
    /// </summary>
    private async Task<AgentId?> RotateAsync(HandoffTicket ticket)
    {
        var members = state.State.MemberIds.ToArray();
        if (members.Length == 0)
        {
            return null;
        }

        var start = GroupRotation.BeginTurn(state.State, members.Length);
        MarkCursorMoved();
        var eligibility = EligibilityOf(ticket.Mode);
        for (var attempt = 0; attempt < members.Length; attempt++)
        {
            var index = GroupRotation.MemberAt(start, attempt, members.Length);
            var candidate = AgentId.Parse(members[index]);
            if (await TryTakeAsync(candidate, ticket.ConversationId, eligibility) is not AgentTake.Refused)
            {
                GroupRotation.EndTurn(state.State, start, index, members.Length);
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The cursor alone is not worth a write per hand-off: the owner is already recorded by the agent and the
    /// conversation. It is flushed within a second (or with the next write); a crash before that only moves
    /// where the next rotation starts.
    /// </summary>
    private void MarkCursorMoved()
    {
        cursorFlush ??= this.RegisterGrainTimer(static (grain, _) => grain.FlushCursorAsync(), this,
            new GrainTimerCreationOptions(options.Value.CursorFlush, Timeout.InfiniteTimeSpan));
    }

    private async Task FlushCursorAsync()
    {
        cursorFlush?.Dispose();
        cursorFlush = null;
        if (state.RecordExists)
        {
            await writer.WriteAsync();
        }
    }

    /// <summary>
    /// Asks one agent; an agent that cannot be reached (its silo just died) counts as a refusal, so the
    /// rotation moves on to the next one instead of failing the whole hand-off.
    /// </summary>
    private async Task<AgentTake> TryTakeAsync(AgentId agentId, ConversationId conversationId, Eligibility eligibility)
    {
        try
        {
            return await Agent(agentId).TryTakeAsync(conversationId, eligibility);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogAgentUnreachable(logger, agentId, ex.Message);
            return AgentTake.Refused;
        }
    }

    /// <summary>
    /// Whom a rotation may hand a conversation to: <c>available</c> asks for available agents under capacity, <c>all</c>
    /// for any member; a <c>specific</c> ticket rotates only once its agent is gone (the member was deleted), and then
    /// as <c>available</c>.
    /// </summary>
    private static Eligibility EligibilityOf(RotationMode mode) =>
        mode is RotationMode.All ? Eligibility.Any : Eligibility.Available;

    private IAgentGrain Agent(AgentId agentId) => GrainFactory.Reference<IAgentGrain>(EntityId.Key(Tenant, agentId.Value));

    private IConversationRoutingGrain Conversation(ConversationId conversationId) =>
        GrainFactory.Reference<IConversationRoutingGrain>(EntityId.Key(Tenant, conversationId.Value));
}
