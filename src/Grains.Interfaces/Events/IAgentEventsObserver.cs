namespace Truora.Grains.Interfaces.Events;

/// <summary>An open event stream of an agent (one per SSE connection), wherever it runs in the cluster.</summary>
[Alias("Truora.IAgentEventsObserver")]
public interface IAgentEventsObserver : IGrainObserver
{
    [Alias("OnEvent")] void OnEvent(AgentEvent agentEvent);

    /// <summary>The key the stream was opened with was rotated or its member deleted: the stream must end.</summary>
    [Alias("OnEnded")] void OnEnded();
}
