using System.Collections.Concurrent;
using Truora.Grains.Interfaces.Events;
using Truora.Tests;

namespace Truora.Grains.Tests.Events;

/// <summary>An agent's event stream as a test sees it: every event in the order it arrived, and whether it was ended.</summary>
public sealed class RecordingStream : IAgentEventsObserver
{
    private readonly ConcurrentQueue<AgentEvent> received = new();

    public bool Ended { get; private set; }

    /// <summary>The events so far, in arrival order.</summary>
    public IReadOnlyList<AgentEvent> Received => [.. received];

    public void OnEvent(AgentEvent agentEvent) => received.Enqueue(agentEvent);

    public void OnEnded() => Ended = true;

    /// <summary>Waits until <paramref name="count"/> events arrived; returns them by id.</summary>
    public async Task<List<AgentEvent>> WaitForAsync(int count)
    {
        var arrived = await Poll.UntilAsync(() => Task.FromResult(Received), events => events.Count >= count, $"{count} events", TimeSpan.FromSeconds(15));
        return [.. arrived.OrderBy(e => e.Id)];
    }
}
