using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Routing;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

/// <summary>
/// Groups' waiting tickets and pending openings were stored while their ids were strings: the typed ids keep that
/// wire, so what is stored reads back, and what a new silo writes an old one still reads.
/// </summary>
public sealed class StoredIdsTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly BinaryStateSerializer serializer = TestSerializers.Binary();

    [Fact]
    public void AGroupStoredWithStringTicketsReadsItsQueue()
    {
        var stored = new StringGroupState
        {
            Name = "Support",
            MemberIds = ["a0", "a1"],
            Cursor = 1,
            Waiting = [new StringHandoffTicket("c1", RotationMode.Available, At), new StringHandoffTicket("c2", RotationMode.Specific, At, "a1")],
        };

        var group = serializer.Deserialize<GroupState>(serializer.Serialize(stored))!;

        Assert.Equal(["a0", "a1"], group.MemberIds);
        Assert.Equal(
            [
                new HandoffTicket(ConversationId.Parse("c1"), RotationMode.Available, At),
                new HandoffTicket(ConversationId.Parse("c2"), RotationMode.Specific, At, AgentId.Parse("a1")),
            ],
            group.Waiting);
    }

    [Fact]
    public void ATypedTicketIsWrittenAsTheStringOne()
    {
        var ticket = new HandoffTicket(ConversationId.Parse("c1"), RotationMode.All, At, AgentId.Parse("a1"));

        var old = serializer.Deserialize<StringHandoffTicket>(serializer.Serialize(ticket));

        Assert.Equal(new StringHandoffTicket("c1", RotationMode.All, At, "a1"), old);
    }

    [Fact]
    public void AnOpeningStoredWithStringIdsReadsBack()
    {
        HistoryEntry[] transcript = [new(HistorySender.User, "hello", At)];
        var stored = new StringConversationOpening(
            "573001234567", "Ana", RotationMode.Specific, "g1", "a1", TimeSpan.FromHours(2), transcript,
            new Dictionary<string, string> { ["document"] = "123" }, At, "a2");

        var opening = serializer.Deserialize<ConversationOpening>(serializer.Serialize(stored))!;

        Assert.Equal(ContactId.Parse("573001234567"), opening.ContactPhone);
        Assert.Equal("Ana", opening.ContactName);
        Assert.Equal(RotationMode.Specific, opening.Mode);
        Assert.Equal(GroupId.Parse("g1"), opening.GroupId);
        Assert.Equal(AgentId.Parse("a1"), opening.AgentId);
        Assert.Equal(TimeSpan.FromHours(2), opening.ExpiresAfter);
        Assert.Equal("hello", Assert.Single(opening.Transcript).Text);
        Assert.Equal("123", opening.Variables["document"]);
        Assert.Equal(At, opening.LastUserMessageAt);
        Assert.Equal(AgentId.Parse("a2"), opening.PreferredOwnerId);
    }

    [Fact]
    public void AnOpeningWithoutOptionalIdsReadsThemAsNull()
    {
        var stored = new StringConversationOpening("573001234567", null, RotationMode.None, null, null, null, [], new Dictionary<string, string>(), null);

        var opening = serializer.Deserialize<ConversationOpening>(serializer.Serialize(stored))!;

        Assert.Null(opening.GroupId);
        Assert.Null(opening.AgentId);
        Assert.Null(opening.PreferredOwnerId);
    }
}

/// <summary><see cref="HandoffTicket"/> as it was stored before its ids were typed.</summary>
[GenerateSerializer, Immutable, Alias("Truora.Tests.StringHandoffTicket")]
public sealed record StringHandoffTicket(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] RotationMode Mode,
    [property: Id(2)] DateTimeOffset WaitingSince,
    [property: Id(3)] string? AgentId = null);

/// <summary><see cref="GroupState"/> as it was stored before the ticket's ids were typed.</summary>
[GenerateSerializer, Alias("Truora.Tests.StringGroupState")]
public sealed class StringGroupState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public List<string> MemberIds { get; set; } = [];
    [Id(2)] public int Cursor { get; set; }
    [Id(3)] public List<StringHandoffTicket> Waiting { get; set; } = [];
}

/// <summary><see cref="ConversationOpening"/> as it was stored before its ids were typed.</summary>
[GenerateSerializer, Immutable, Alias("Truora.Tests.StringConversationOpening")]
public sealed record StringConversationOpening(
    [property: Id(0)] string ContactPhone,
    [property: Id(1)] string? ContactName,
    [property: Id(2)] RotationMode Mode,
    [property: Id(3)] string? GroupId,
    [property: Id(4)] string? AgentId,
    [property: Id(5)] TimeSpan? ExpiresAfter,
    [property: Id(6)] IReadOnlyList<HistoryEntry> Transcript,
    [property: Id(7)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(8)] DateTimeOffset? LastUserMessageAt,
    [property: Id(9)] string? PreferredOwnerId = null);
