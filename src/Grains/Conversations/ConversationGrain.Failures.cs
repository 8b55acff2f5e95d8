using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A failed call or timer turn may leave memory ahead of storage (a message appended, an owner set, a close made,
/// none of it written): its activation is discarded (<see cref="FailedTurns"/>) and publishes nothing more.
/// </summary>
public sealed partial class ConversationGrain : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext call) => failedTurns.InvokeAsync(call);

    /// <summary>A one-shot timer whose failure discards the activation, as a failed call's does.</summary>
    private IGrainTimer ScheduleGuarded(Func<ConversationGrain, Task> tick, TimeSpan dueTime) =>
        this.RegisterGrainTimer(
            static (state, _) => state.Grain.failedTurns.RunAsync(() => state.Tick(state.Grain)),
            (Grain: this, Tick: tick),
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
}
