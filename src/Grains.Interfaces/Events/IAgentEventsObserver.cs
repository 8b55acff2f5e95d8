namespace Truora.Grains.Interfaces.Events;

/// <summary>An open event stream of an agent (one per SSE connection), wherever it runs in the cluster.</summary>
[Alias("Truora.IAgentEventsObserver")]
public interface IAgentEventsObserver : IGrainObserver
{
    [Alias("OnEvent")] void OnEvent(AgentEvent agentEvent);
}
