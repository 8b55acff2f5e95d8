using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Interfaces.Events;

/// <summary>
/// An agent's events, keyed <c>tenant/member</c>: numbers them, keeps the recent ones for replay
/// (Last-Event-ID), and pushes each to every open stream of the agent.
/// </summary>
[Alias("Truora.IAgentInboxGrain")]
public interface IAgentInboxGrain : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("Publish")] Task PublishAsync(AgentNotice notice);

    /// <summary>Subscribes (or renews) a stream; a stream not renewed within the expiry is dropped.</summary>
    [AlwaysInterleave, Alias("Subscribe")] Task SubscribeAsync(IAgentEventsObserver observer);

    [AlwaysInterleave, Alias("Unsubscribe")] Task UnsubscribeAsync(IAgentEventsObserver observer);

    /// <summary>Kept events after <paramref name="lastEventId"/>, oldest first.</summary>
    [AlwaysInterleave, Alias("ReadSince")] Task<IReadOnlyList<AgentEvent>> ReadSinceAsync(long lastEventId);

    [AlwaysInterleave, Alias("Settings")] Task SetSettingsAsync(NotificationSettings settings);

    [AlwaysInterleave, Alias("Subscribers")] Task<int> CountSubscribersAsync();

    /// <summary>
    /// Ends every open stream (the member's key was rotated, or the member deleted); with <paramref name="forgetEvents"/>
    /// also the replay buffer and settings, so a member created again under this id starts with none of them.
    /// Interleaves as publishing does: the member grain calls it while it may be waiting on a group that publishes here.
    /// </summary>
    [AlwaysInterleave, Alias("EndStreams")] Task EndStreamsAsync(bool forgetEvents);
}
