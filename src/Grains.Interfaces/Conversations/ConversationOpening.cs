using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// A hand-off from the flow: who the user is, where the chat goes, and everything the flow recorded so far.
/// <see cref="PreferredOwnerId"/> is the member who sent the template that reopened a finished contact.
/// </summary>
/// <remarks>
/// An opening not yet routed waits in stored state (the contact's session, the conversation's pending route), written
/// when the ids were strings: they stay strings on the wire (same <c>[Id]</c>s, same types) and are typed only in code.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Truora.ConversationOpening")]
public sealed record ConversationOpening
{
    [Id(0)] private readonly string contactPhone;
    [Id(3)] private readonly string? groupId;
    [Id(4)] private readonly string? agentId;
    [Id(9)] private readonly string? preferredOwnerId;

    public ConversationOpening(
        ContactId contactPhone,
        string? contactName,
        RotationMode mode,
        GroupId? groupId,
        AgentId? agentId,
        TimeSpan? expiresAfter,
        IReadOnlyList<HistoryEntry> transcript,
        IReadOnlyDictionary<string, string> variables,
        DateTimeOffset? lastUserMessageAt,
        AgentId? preferredOwnerId = null)
    {
        this.contactPhone = contactPhone.Value;
        ContactName = contactName;
        Mode = mode;
        this.groupId = groupId?.Value;
        this.agentId = agentId?.Value;
        ExpiresAfter = expiresAfter;
        Transcript = transcript;
        Variables = variables;
        LastUserMessageAt = lastUserMessageAt;
        this.preferredOwnerId = preferredOwnerId?.Value;
    }

    public ContactId ContactPhone
    {
        get => new(contactPhone);
        init => contactPhone = value.Value;
    }

    [Id(1)] public string? ContactName { get; init; }

    [Id(2)] public RotationMode Mode { get; init; }

    public GroupId? GroupId
    {
        get => groupId is null ? null : new GroupId(groupId);
        init => groupId = value?.Value;
    }

    public AgentId? AgentId
    {
        get => agentId is null ? null : new AgentId(agentId);
        init => agentId = value?.Value;
    }

    [Id(5)] public TimeSpan? ExpiresAfter { get; init; }

    [Id(6)] public IReadOnlyList<HistoryEntry> Transcript { get; init; }

    [Id(7)] public IReadOnlyDictionary<string, string> Variables { get; init; }

    [Id(8)] public DateTimeOffset? LastUserMessageAt { get; init; }

    public AgentId? PreferredOwnerId
    {
        get => preferredOwnerId is null ? null : new AgentId(preferredOwnerId);
        init => preferredOwnerId = value?.Value;
    }
}
