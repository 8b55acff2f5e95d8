using Truora.Grains.Routing;

namespace Truora.Grains.Tests.Routing;

/// <summary>The rotation's turns without a cluster: fair starts, skipping the ineligible, members changing under it.</summary>
public sealed class GroupRotationTests
{
    [Fact]
    public void TurnsTakenSideBySideStartAtSuccessiveMembersAndWrapAround()
    {
        var group = Group("a0", "a1", "a2");

        int[] starts = [GroupRotation.BeginTurn(group, 3), GroupRotation.BeginTurn(group, 3), GroupRotation.BeginTurn(group, 3), GroupRotation.BeginTurn(group, 3)];

        Assert.Equal([0, 1, 2, 0], starts);
    }

    [Fact]
    public void ATurnAsksEveryMemberOnceFromItsStart()
    {
        Assert.Equal([2, 0, 1], Enumerable.Range(0, 3).Select(attempt => GroupRotation.MemberAt(2, attempt, 3)));
    }

    [Fact]
    public void AfterSkippingTheIneligibleTheNextTurnStartsPastTheTaker()
    {
        var group = Group("a0", "a1", "a2", "a3");
        var start = GroupRotation.BeginTurn(group, 4);

        GroupRotation.EndTurn(group, start, index: 2, count: 4);

        Assert.Equal(3, group.Cursor);
    }

    [Fact]
    public void ATurnThatEndsLateDoesNotUndoAnotherTurnsMove()
    {
        var group = Group("a0", "a1", "a2", "a3");
        var first = GroupRotation.BeginTurn(group, 4);
        GroupRotation.BeginTurn(group, 4);

        GroupRotation.EndTurn(group, first, index: 3, count: 4);

        Assert.Equal(2, group.Cursor);
    }

    [Fact]
    public void NewMembersKeepTheCursorOnTheMemberItPointedAt()
    {
        var group = Group("a0", "a1", "a2");
        group.Cursor = 2;

        GroupRotation.SetMembers(group, ["a9", "a2", "a0"]);

        Assert.Equal(1, group.Cursor);
    }

    [Fact]
    public void AMemberLeavingBeforeTheCursorKeepsItOnTheSameNextMember()
    {
        var group = Group("a0", "a1", "a2");
        group.Cursor = 2;

        Assert.True(GroupRotation.RemoveMember(group, "a0"));
        Assert.False(GroupRotation.RemoveMember(group, "nobody"));

        Assert.Equal("a2", group.MemberIds[group.Cursor]);
    }

    private static GroupState Group(params string[] members) => new() { MemberIds = [.. members] };
}
