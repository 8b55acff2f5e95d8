using System.Threading.Channels;
using Truora.Grains.Interfaces.Events;

namespace Truora.Api.Events;

/// <summary>The observer behind one SSE connection: the agent's inbox pushes here, the response loop drains it.</summary>
public sealed class EventStreamSink : IAgentEventsObserver
{
    private const int Capacity = 10_000;

    // A client too slow to read 10,000 events loses the oldest; it can catch up with Last-Event-ID.
    private readonly Channel<AgentEvent> events = Channel.CreateBounded<AgentEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<AgentEvent> Reader => events.Reader;

    public void OnEvent(AgentEvent agentEvent) => events.Writer.TryWrite(agentEvent);

    public void OnEnded() => events.Writer.TryComplete();
}
