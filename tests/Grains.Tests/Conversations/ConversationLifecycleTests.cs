using Truora.Grains.Conversations;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Tests.Conversations;

/// <summary>A conversation's rules without a cluster: who may see and act, which moves its status allows, what they change.</summary>
public sealed class ConversationLifecycleTests
{
    private static readonly ConversationId Id = ConversationId.Parse("c1");
    private static readonly DateTimeOffset Opened = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Tenant = new("t1");
    private static readonly Caller Admin = new(Tenant, null, MemberRole.Admin);

    [Fact]
    public void AnOpeningWaitsAndLivesTheFlowsExpiryCappedByTheLongestOpen()
    {
        var shortFlow = Opening(TimeSpan.FromHours(2));
        var longFlow = Opening(TimeSpan.FromHours(48));

        var first = OpenedBy(shortFlow);
        var second = OpenedBy(longFlow);

        Assert.Equal(ConversationStatus.Waiting, first.Status);
        Assert.Equal(Opened + TimeSpan.FromHours(2), first.ExpiresAt);
        Assert.Equal(Opened + TimeSpan.FromHours(24), second.ExpiresAt);
        Assert.Same(shortFlow, first.PendingRoute);
    }

    [Fact]
    public void TheFirstOwnerDatesTheWaitAndALaterOneDoesNot()
    {
        var conversation = OpenedBy(Opening());
        var first = new LifecycleEffects();
        var second = new LifecycleEffects();

        ConversationLifecycle.Own(conversation, AgentId.Parse("a1"), "Assigned to a1.", Opened.AddSeconds(40), first);
        ConversationLifecycle.Own(conversation, AgentId.Parse("a2"), "Transferred.", Opened.AddMinutes(5), second);

        Assert.Equal(TimeSpan.FromSeconds(40), first.FirstAssignmentAfter);
        Assert.Null(second.FirstAssignmentAfter);
        Assert.Equal([(AgentId.Parse("a2"), AgentEventTypes.Assigned)], second.Notices);
        Assert.Equal(("a2", ConversationStatus.Assigned), (conversation.OwnerId, conversation.Status));
    }

    [Theory]
    [InlineData(ConversationStatus.Closed, AgentEventTypes.Closed)]
    [InlineData(ConversationStatus.Finished, AgentEventTypes.Finished)]
    public void AnEndTellsTheOwnerAndStopsTheConversation(ConversationStatus status, string told)
    {
        var conversation = Owned("a1");
        var effects = new LifecycleEffects();

        ConversationLifecycle.End(conversation, status, ClosedReason.Agent, "Closed.", Opened.AddMinutes(5), effects);

        Assert.Equal([(AgentId.Parse("a1"), told)], effects.Notices);
        Assert.True(effects.Ended);
        Assert.False(ConversationLifecycle.IsOpen(conversation));
        Assert.Equal(Opened.AddMinutes(5), conversation.ClosedAt);
    }

    [Fact]
    public void OnlyTheOwnerOrAnAdminMayActAndOnlyWhileOpen()
    {
        var conversation = Owned("a1");

        Assert.Null(ConversationLifecycle.CheckActor(Id, conversation, Agent("a1"), inCallerGroups: false));
        Assert.Null(ConversationLifecycle.CheckActor(Id, conversation, Admin, inCallerGroups: false));
        Assert.Equal(ConversationOutcome.NotFound, ConversationLifecycle.CheckActor(Id, conversation, Agent("a2"), inCallerGroups: true)!.Outcome);
        ConversationLifecycle.End(conversation, ConversationStatus.Closed, ClosedReason.Agent, "Closed.", Opened, new LifecycleEffects());
        Assert.Equal(ConversationOutcome.Conflict, ConversationLifecycle.CheckActor(Id, conversation, Agent("a1"), inCallerGroups: false)!.Outcome);
    }

    [Fact]
    public void AnAgentSeesAWaitingConversationOnlyInItsGroupsAndMayNotCloseIt()
    {
        var conversation = OpenedBy(Opening());

        Assert.True(ConversationLifecycle.AsksCallerGroups(conversation, Agent("a2")));
        Assert.False(ConversationLifecycle.AsksCallerGroups(conversation, Admin));
        Assert.True(ConversationLifecycle.CanSee(conversation, Agent("a2"), inCallerGroups: true));
        Assert.False(ConversationLifecycle.CanSee(conversation, Agent("a2"), inCallerGroups: false));
        Assert.Equal(ConversationOutcome.Forbidden, ConversationLifecycle.CheckActor(Id, conversation, Agent("a2"), inCallerGroups: true)!.Outcome);
    }

    [Fact]
    public void AClaimIsForOneselfOfAWaitingConversationInOnesGroups()
    {
        var waiting = OpenedBy(Opening());
        var owned = Owned("a1");

        Assert.Null(ConversationLifecycle.CheckClaim(Id, waiting, Agent("a2"), AgentId.Parse("a2"), inCallerGroups: true));
        Assert.Equal(ConversationOutcome.Forbidden, ConversationLifecycle.CheckClaim(Id, waiting, Agent("a2"), AgentId.Parse("a3"), inCallerGroups: true)!.Outcome);
        Assert.Equal(ConversationOutcome.NotFound, ConversationLifecycle.CheckClaim(Id, waiting, Agent("a2"), AgentId.Parse("a2"), inCallerGroups: false)!.Outcome);
        var taken = ConversationLifecycle.CheckClaim(Id, owned, Agent("a2"), AgentId.Parse("a2"), inCallerGroups: true)!;
        Assert.Equal(ConversationOutcome.Conflict, taken.Outcome);
        Assert.Contains("a1", taken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAgentMayReplyOnlyWithinWhatsAppsWindow()
    {
        var conversation = Owned("a1");
        var window = TimeSpan.FromHours(24);

        Assert.Null(ConversationLifecycle.CheckReply(conversation, Opened + window, window));
        Assert.Equal(ConversationOutcome.OutsideWindow, ConversationLifecycle.CheckReply(conversation, Opened + window + TimeSpan.FromSeconds(1), window)!.Outcome);
    }

    [Fact]
    public void AUserMessageRetriedLateDoesNotMoveTheWindowBack()
    {
        var conversation = Owned("a1");

        ConversationLifecycle.ReceiveUserMessage(conversation, Opened.AddHours(3), "Ana", Opened.AddHours(3));
        ConversationLifecycle.ReceiveUserMessage(conversation, Opened.AddHours(1), null, Opened.AddHours(4));

        Assert.Equal(Opened.AddHours(3), conversation.LastUserMessageAt);
        Assert.Equal(Opened.AddHours(4), conversation.LastMessageAt);
        Assert.Equal("User", conversation.ContactName);
    }

    [Fact]
    public void AConversationIsDueAtItsExpiryOnlyWhileOpen()
    {
        var conversation = OpenedBy(Opening(TimeSpan.FromHours(2)));

        Assert.False(ConversationLifecycle.IsDue(conversation, Opened.AddHours(2).AddTicks(-10)));
        Assert.True(ConversationLifecycle.IsDue(conversation, Opened.AddHours(2)));
        ConversationLifecycle.End(conversation, ConversationStatus.Closed, ClosedReason.Expired, "Expired.", Opened.AddHours(2), new LifecycleEffects());
        Assert.False(ConversationLifecycle.IsDue(conversation, Opened.AddHours(3)));
    }

    [Fact]
    public void AReservedClaimThatFallsThroughWaitsAgainUndated()
    {
        var conversation = OpenedBy(Opening());

        ConversationLifecycle.Reserve(conversation, AgentId.Parse("a2"), Opened.AddMinutes(1));
        ConversationLifecycle.Disown(conversation);

        Assert.Equal(ConversationStatus.Waiting, conversation.Status);
        Assert.Null(conversation.OwnerId);
        Assert.Null(conversation.FirstAssignedAt);
    }

    private static Caller Agent(string id) => new(Tenant, id, MemberRole.AgentRole);

    private static ConversationOpening Opening(TimeSpan? expiresAfter = null) =>
        new(ContactId.Parse("573001112233"), "User", RotationMode.Available, GroupId.Parse("g1"), null, expiresAfter, [], new Dictionary<string, string>(), Opened);

    private static ConversationState OpenedBy(ConversationOpening opening)
    {
        var conversation = new ConversationState();
        ConversationLifecycle.Open(conversation, opening, Opened, TimeSpan.FromHours(24));
        return conversation;
    }

    private static ConversationState Owned(string owner)
    {
        var conversation = OpenedBy(Opening());
        ConversationLifecycle.Own(conversation, AgentId.Parse(owner), $"Assigned to {owner}.", Opened, new LifecycleEffects());
        return conversation;
    }
}
