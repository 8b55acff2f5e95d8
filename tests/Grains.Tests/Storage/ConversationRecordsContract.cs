using Microsoft.Extensions.Options;
using Truora.Grains.Conversations;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Storage;

namespace Truora.Grains.Tests.Storage;

/// <summary>
/// What every conversation records backend must do, asked the same way of each: the memory mode's grains and real
/// PostgreSQL. <see cref="Node"/> and <see cref="OtherNode"/> are two silos' views of one store.
/// </summary>
public abstract class ConversationRecordsContract
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    protected abstract IConversationRecords Node { get; }

    protected abstract IConversationRecords OtherNode { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessagesReadBackInOrderAndTheTailIsTheLatestOldestFirst()
    {
        var tenant = NewTenant();
        var messages = Enumerable.Range(0, 40).Select(i => Message(i, $"line {i}", i % 3 == 0 ? $"wamid.{tenant}.{i}" : null)).ToArray();
        await Node.CommitAsync([Change(tenant, "c1", messages[..25]), Change(tenant, "c2", [Message(0, "other")])], Cancel);
        await Node.CommitAsync([Change(tenant, "c1", messages[25..])], Cancel);

        var history = await OtherNode.ReadHistoryAsync(tenant, "c1");
        Assert.Equal(messages.Select(m => m.Entry), history);
        var tail = await OtherNode.ReadTailAsync(tenant, "c1", 8);
        Assert.Equal(messages[32..], tail.Recent);
        Assert.Equal(40, tail.NextSequence);
        Assert.Equal(ConversationTail.Empty.Recent, (await Node.ReadTailAsync(tenant, "nobody", 8)).Recent);
        Assert.Empty(await Node.ReadHistoryAsync(NewTenant(), "c1"));
    }

    [Fact]
    public async Task TheSameMessageIdCommittedAtTwoNodesAtOnceIsStoredOnce()
    {
        var tenant = NewTenant();
        var id = $"wamid.{Guid.NewGuid():N}";
        var first = Node.CommitAsync([Change(tenant, "c1", [Message(0, "hello", id)])], Cancel);
        var second = OtherNode.CommitAsync([Change(tenant, "c1-again", [Message(0, "hello", id)])], Cancel);
        var answers = await Task.WhenAll(first, second);

        Assert.Single(answers, answer => answer[0].Count == 0);
        Assert.Single(answers, answer => answer[0].SequenceEqual([id]));
        var stored = (await Node.ReadHistoryAsync(tenant, "c1")).Concat(await Node.ReadHistoryAsync(tenant, "c1-again"));
        Assert.Single(stored, entry => entry.MessageId == id);
        // Another tenant's message of the same id is its own.
        Assert.Empty((await Node.CommitAsync([Change(NewTenant(), "c1", [Message(0, "hello", id)])], Cancel))[0]);
    }

    [Fact]
    public async Task ACopyFromTheContactsLogMayRepeatAnIdAndIsNotUnique()
    {
        var tenant = NewTenant();
        var id = $"wamid.{Guid.NewGuid():N}";
        await Node.CommitAsync([Change(tenant, "c1", [Message(0, "hello", id)])], Cancel);
        var copied = await Node.CommitAsync([Change(tenant, "c2", [Message(0, "hello", id) with { Transcribed = true }])], Cancel);

        Assert.Empty(copied[0]);
        Assert.Single(await Node.ReadHistoryAsync(tenant, "c2"));
    }

    [Fact]
    public async Task ADeliveryStateOnlyMovesForwardAndOnlyForItsOwnConversation()
    {
        var tenant = NewTenant();
        var sent = new StoredMessage(0, new HistoryEntry(HistorySender.Agent, "from the agent", Start, Delivery: DeliveryState.Pending, MessageId: "out_1"));
        await Node.CommitAsync([Change(tenant, "c1", [sent])], Cancel);

        await Node.CommitAsync([Change(tenant, "c1", [], [new DeliveryChange("out_1", DeliveryState.Read)])], Cancel);
        await OtherNode.CommitAsync([Change(tenant, "c1", [], [new DeliveryChange("out_1", DeliveryState.Delivered)])], Cancel);
        await Node.CommitAsync([Change(tenant, "elsewhere", [], [new DeliveryChange("out_1", DeliveryState.Failed)])], Cancel);

        Assert.Equal(DeliveryState.Read, Assert.Single(await Node.ReadHistoryAsync(tenant, "c1")).Delivery);
    }

    [Fact]
    public async Task TwoStatesOfOneMessageInOneBatchKeepTheNewer()
    {
        var tenant = NewTenant();
        var sent = new StoredMessage(0, new HistoryEntry(HistorySender.Agent, "from the agent", Start, Delivery: DeliveryState.Pending, MessageId: "out_2"));
        await Node.CommitAsync([Change(tenant, "c1", [sent])], Cancel);

        await Node.CommitAsync(
        [
            Change(tenant, "c1", [], [new DeliveryChange("out_2", DeliveryState.Delivered), new DeliveryChange("out_2", DeliveryState.Sent)]),
            Change(tenant, "c1", [], [new DeliveryChange("out_2", DeliveryState.Sent)]),
        ], Cancel);

        Assert.Equal(DeliveryState.Delivered, Assert.Single(await Node.ReadHistoryAsync(tenant, "c1")).Delivery);
    }

    [Fact]
    public async Task ASequenceTakenTwiceFailsOnlyItsOwnChangeInAGroupCommit()
    {
        var tenant = NewTenant();
        await Node.CommitAsync([Change(tenant, "taken", [Message(0, "first")])], Cancel);
        await using var store = new ConversationStore(Node, Options.Create(new GroupCommitOptions { Linger = TimeSpan.FromMilliseconds(50), BatchesInFlight = 1 }));

        var commits = Enumerable.Range(0, 5)
            .Select(i => store.CommitAsync(Change(tenant, i == 2 ? "taken" : $"free{i}", [Message(0, $"second {i}")])))
            .ToArray();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => commits[2]);
        Assert.True(Node.IsChangeFault(failure), failure.ToString());
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            Assert.Empty(await commits[i]);
            Assert.Single(await Node.ReadHistoryAsync(tenant, $"free{i}"));
        }

        Assert.Equal("first", Assert.Single(await Node.ReadHistoryAsync(tenant, "taken")).Text);
    }

    [Fact]
    public async Task ListsPageByKeysetNewestActivityFirstThenIdAndFilter()
    {
        var tenant = NewTenant();
        var rows = Enumerable.Range(0, 30).Select(i => Row(
            $"c{i % 7}-{i:D2}",
            status: (ConversationStatus)(i % 4),
            owner: i % 4 == 1 ? $"a{i % 2}" : null,
            group: i % 3 == 0 ? "g1" : "g2",
            // Ties in activity on purpose: the id settles them, in ordinal order.
            lastMessage: Start.AddMinutes(i / 3),
            opened: Start.AddDays(-(i % 10)))).ToArray();
        await Node.CommitAsync([.. rows.Select(row => new ConversationChange(tenant, row.Summary.Id, [], [], row))], Cancel);
        var order = rows.Select(row => row.Summary).OrderBy(ListCursor.At, ListCursor.ListOrder).ToArray();

        var everything = await PagesAsync(tenant, Filter(limit: 4));
        Assert.Equal(order, everything);

        Assert.Equal(order.Where(s => s.OwnerId == "a1"), await PagesAsync(tenant, Filter(limit: 3) with { OwnerId = "a1" }));
        Assert.Equal(order.Where(s => s.GroupId == "g1" && s.Status is ConversationStatus.Waiting),
            await PagesAsync(tenant, Filter(limit: 2) with { GroupIds = ["g1", "g9"], Statuses = [ConversationStatus.Waiting] }));
        Assert.Equal(order.Where(s => s.OpenedAt >= Start.AddDays(-3)), await PagesAsync(tenant, Filter(limit: 5) with { OpenedSince = Start.AddDays(-3) }));
        Assert.Empty(await OtherNode.ListAsync(NewTenant(), Filter(limit: 10)));
    }

    [Fact]
    public async Task ARowIsReplacedByTheConversationsLatestAndOwnedSinceFilters()
    {
        var tenant = NewTenant();
        var assigned = Row("c1", ConversationStatus.Assigned, "a1", "g1", Start, Start) with { OwnedSince = Start.AddMinutes(5) };
        await Node.CommitAsync([new ConversationChange(tenant, "c1", [Message(0, "hi")], [], Row("c1", ConversationStatus.Waiting, null, "g1", Start, Start))], Cancel);
        await OtherNode.CommitAsync([new ConversationChange(tenant, "c1", [], [], assigned)], Cancel);

        var tail = await Node.ReadTailAsync(tenant, "c1", 4);
        Assert.Equal(assigned, tail.Row);
        Assert.Single(await Node.ListAsync(tenant, Filter(10) with { OwnerId = "a1", OwnedSince = Start.AddMinutes(5) }));
        Assert.Empty(await Node.ListAsync(tenant, Filter(10) with { OwnerId = "a1", OwnedSince = Start.AddMinutes(6) }));
    }

    private async Task<List<ConversationSummary>> PagesAsync(string tenant, ConversationFilter filter)
    {
        var all = new List<ConversationSummary>();
        while (true)
        {
            var page = await OtherNode.ListAsync(tenant, filter);
            all.AddRange(page);
            if (page.Count < filter.Limit)
            {
                return all;
            }

            filter = filter with { After = ListCursor.At(page[^1]) };
        }
    }

    private static ConversationFilter Filter(int limit) => new(null, null, null, [], null, limit);

    private static string NewTenant() => $"t{Guid.NewGuid():N}"[..16];

    private static StoredMessage Message(int sequence, string text, string? messageId = null) =>
        new(sequence, new HistoryEntry(HistorySender.User, text, Start.AddSeconds(sequence), MessageId: messageId));

    private static ConversationChange Change(string tenant, string conversation, StoredMessage[] messages, DeliveryChange[]? deliveries = null) =>
        new(tenant, conversation, messages, deliveries ?? [], null);

    private static ConversationRow Row(string id, ConversationStatus status, string? owner, string? group, DateTimeOffset lastMessage, DateTimeOffset opened) =>
        new(new ConversationSummary(id, "573001112233", "User", status, owner, group, opened, opened.AddHours(24), lastMessage,
                status is ConversationStatus.Closed ? ClosedReason.Agent : null, status is ConversationStatus.Closed or ConversationStatus.Finished ? lastMessage : null),
            LastUserMessageAt: lastMessage, OwnedSince: owner is null ? null : opened);
}
