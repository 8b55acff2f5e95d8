using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Interfaces.Events;

/// <summary>
/// An agent's events, keyed <c>tenant/member</c>: numbers them, keeps the recent ones for replay
/// (Last-Event-ID), and pushes each to every open stream of the agent.
/// </summary>
[Alias("Truora.IAgentInboxGrain")]
public interface IAgentInboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Interleaves: conversations and groups publish from the middle of their turns, and must not wait behind this
    /// inbox's flush of its replay buffer (a storage write of up to thousands of events).
    /// </summary>
    [AlwaysInterleave, Alias("Publish")] Task PublishAsync(AgentNotice notice);

    /// <summary>
    /// Subscribes (or renews) a stream; a stream not renewed within the expiry is dropped. Interleaves, as publishing
    /// does, so a stream connects without waiting for a flush.
    /// </summary>
    [AlwaysInterleave, Alias("Subscribe")] Task SubscribeAsync(IAgentEventsObserver observer);

    [AlwaysInterleave, Alias("Unsubscribe")] Task UnsubscribeAsync(IAgentEventsObserver observer);

    /// <summary>Kept events after <paramref name="lastEventId"/>, oldest first.</summary>
    [ReadOnly, Alias("ReadSince")] Task<IReadOnlyList<AgentEvent>> ReadSinceAsync(long lastEventId);

    [Alias("Settings")] Task SetSettingsAsync(NotificationSettings settings);

    [ReadOnly, Alias("Subscribers")] Task<int> CountSubscribersAsync();

    /// <summary>
    /// Ends every open stream (the member's key was rotated, or the member deleted); with <paramref name="forgetEvents"/>
    /// also the replay buffer and settings, so a member created again under this id starts with none of them.
    /// </summary>
    [Alias("EndStreams")] Task EndStreamsAsync(bool forgetEvents);
}
