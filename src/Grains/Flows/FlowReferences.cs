namespace Truora.Grains.Flows;

/// <summary>
/// The groups and agents of the tenant that a flow may name. The grain looks them up before parsing, because
/// parsing is pure and cannot call other grains; <see cref="FlowParser.NamedIn"/> says which ids to look up.
/// </summary>
public sealed record FlowReferences(IReadOnlySet<string> GroupIds, IReadOnlySet<string> AgentIds, bool TrustAll = false)
{
    public static FlowReferences None { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>
    /// For re-reading a version that was valid when saved: a group or agent deleted since must not make a
    /// running flow unreadable (the hand-off copes with a missing group or agent).
    /// </summary>
    public static FlowReferences Trusted { get; } = new(new HashSet<string>(), new HashSet<string>(), TrustAll: true);

    public bool GroupExists(string id) => TrustAll || GroupIds.Contains(id);

    public bool AgentExists(string id) => TrustAll || AgentIds.Contains(id);
}
