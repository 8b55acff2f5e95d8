using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A failed call, reminder or timer tick may leave memory ahead of storage (a message appended, an owner set, a close
/// made, none of it written): its activation is discarded (<see cref="FailedTurns"/>), writes and publishes nothing
/// more, and the next call starts from what storage holds.
/// </summary>
public sealed partial class ConversationGrain : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext call) => failedTurns.InvokeAsync(call);
}
