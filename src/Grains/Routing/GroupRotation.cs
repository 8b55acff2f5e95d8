namespace Truora.Grains.Routing;

/// <summary>
/// The rotation's turns over a group's members, without a grain: where a turn starts, how the cursor moves, and where
/// it stays when the members change. The group asks the members in a turn's order and says who took it.
/// </summary>
public static class GroupRotation
{
    /// <summary>
    /// Takes a turn of <paramref name="count"/> members: the index to start asking at. The cursor moves on by one at
    /// once, so turns taken side by side (hand-offs interleave) start at successive members and stay fair.
    /// </summary>
    public static int BeginTurn(GroupState group, int count)
    {
        var start = group.Cursor % count;
        group.Cursor = (start + 1) % count;
        return start;
    }

    /// <summary>The member asked at <paramref name="attempt"/> of a turn that started at <paramref name="start"/>.</summary>
    public static int MemberAt(int start, int attempt, int count) => (start + attempt) % count;

    /// <summary>
    /// The member at <paramref name="index"/> took it. Those skipped were not eligible, so the next turn starts after
    /// the taker, unless another turn has moved the cursor meanwhile.
    /// </summary>
    public static void EndTurn(GroupState group, int start, int index, int count)
    {
        if (index != start && group.Cursor == (start + 1) % count)
        {
            group.Cursor = (index + 1) % count;
        }
    }

    /// <summary>New members, in the given order: the cursor stays on the member it pointed at, else goes to the first.</summary>
    public static void SetMembers(GroupState group, List<string> members)
    {
        var current = group.MemberIds.Count == 0 ? null : group.MemberIds[group.Cursor % group.MemberIds.Count];
        group.MemberIds = members;
        group.Cursor = current is null ? 0 : Math.Max(0, members.IndexOf(current));
    }

    /// <summary>A member leaves: the cursor keeps pointing at the member that was next. False when it was no member.</summary>
    public static bool RemoveMember(GroupState group, string member)
    {
        var index = group.MemberIds.IndexOf(member);
        if (index < 0)
        {
            return false;
        }

        group.MemberIds.RemoveAt(index);
        if (group.Cursor > index)
        {
            group.Cursor--;
        }

        return true;
    }
}
