using Npgsql;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Tests.Tenants;
using Truora.Tests;

namespace Truora.Grains.Tests.Storage;

/// <summary>Conversations on the real database: history and expiry outlive the whole cluster.</summary>
public sealed class PostgresConversationTests
{
    [Fact]
    public async Task AnExpiryReminderRegisteredBeforeAFullRestartClosesTheConversationAfterIt()
    {
        var connectionString = TestPostgres.Require();
        await PostgresCluster.MigrateAsync(connectionString);
        var serviceId = TestPostgres.NewId("s");
        TenantId tenant;
        var conversationId = "c" + Guid.NewGuid().ToString("N");

        await using (var first = await PostgresCluster.StartAsync(connectionString, serviceId))
        {
            tenant = (await first.Client.NewTenantAsync()).Tenant;
            Enter(tenant);
            var opened = await Conversation(first.Client, tenant, conversationId).OpenAsync(Opening(TimeSpan.FromSeconds(15)));
            Assert.Equal(ConversationStatus.Waiting, opened.Status);
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await PostgresCluster.StartAsync(connectionString, serviceId);
        // Only the reminder may wake the conversation: reading it would activate it and arm its timer instead.
        await Poll.UntilAsync(
            () => CountRemindersAsync(connectionString, serviceId), reminders => reminders == 0, "the expiry reminder to fire after the restart", TimeSpan.FromSeconds(120));

        Enter(tenant);
        var closed = await Conversation(second.Client, tenant, conversationId).GetSummaryAsync();
        Assert.Equal(ConversationStatus.Closed, closed!.Status);
        Assert.Equal(ClosedReason.Expired, closed.ClosedReason);
        var details = await second.Client.GetGrain<IConversationGrain>(EntityId.Key(tenant, conversationId))
            .GetAsync(new Caller(tenant, null, Interfaces.Members.MemberRole.Admin));
        Assert.Equal("hello", details!.History[0].Text);
        Assert.Equal(HistorySender.System, details.History[^1].From);
    }

    [Fact]
    public async Task AHistoryLongerThanAPageIsReadBackWholeAfterARestart()
    {
        const int messages = 70;

        var user = await UserMessagesAfterARestartAsync(async conversation =>
        {
            for (var i = 0; i < messages; i++)
            {
                Assert.True(await conversation.AppendUserMessageAsync(UserMessage(i)));
            }
        });

        Assert.Equal(["hello", .. Enumerable.Range(0, messages).Select(i => $"message {i}")], user);
    }

    [Fact]
    public async Task MessagesAppendedAllAtOnceWhileEarlierOnesAreBeingWrittenAreAllStored()
    {
        // The conversation changes its history while earlier writes are in flight (appends interleave, writes
        // coalesce); the provider serializes once it has a connection, so the bytes must be taken at the call.
        const int bursts = 4, perBurst = 25;

        var user = await UserMessagesAfterARestartAsync(async conversation =>
        {
            for (var burst = 0; burst < bursts; burst++)
            {
                var appended = await Task.WhenAll(Enumerable.Range(burst * perBurst, perBurst)
                    .Select(i => conversation.AppendUserMessageAsync(UserMessage(i))));
                Assert.All(appended, Assert.True);
            }
        });

        // Concurrent calls may arrive in any order; each must be there exactly once.
        string[] sent = ["hello", .. Enumerable.Range(0, bursts * perBurst).Select(i => $"message {i}")];
        Assert.Equal(sent.Order(StringComparer.Ordinal), user.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Opens a conversation on a fresh cluster, lets <paramref name="append"/> add to it, stops every silo, and
    /// reads the user's messages back through a second cluster on the same database.
    /// </summary>
    private static async Task<List<string>> UserMessagesAfterARestartAsync(Func<IConversationRoutingGrain, Task> append)
    {
        var connectionString = TestPostgres.Require();
        await PostgresCluster.MigrateAsync(connectionString);
        var serviceId = TestPostgres.NewId("s");
        TenantId tenant;
        var conversationId = "c" + Guid.NewGuid().ToString("N");

        await using (var first = await PostgresCluster.StartAsync(connectionString, serviceId))
        {
            tenant = (await first.Client.NewTenantAsync()).Tenant;
            Enter(tenant);
            var conversation = Conversation(first.Client, tenant, conversationId);
            await conversation.OpenAsync(Opening(null));
            await append(conversation);
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await PostgresCluster.StartAsync(connectionString, serviceId);
        Enter(tenant);
        var details = await second.Client.GetGrain<IConversationGrain>(EntityId.Key(tenant, conversationId))
            .GetAsync(new Caller(tenant, null, Interfaces.Members.MemberRole.Admin));
        return [.. details!.History.Where(entry => entry.From is HistorySender.User).Select(entry => entry.Text)];
    }

    private static Interfaces.WhatsApp.InboundMessage UserMessage(int i) =>
        new($"wamid.{i}", "573001234567", "Ana", DateTimeOffset.UtcNow, $"message {i}", "text");

    private static void Enter(TenantId tenant) => TenantContext.Enter(tenant);

    private static IConversationRoutingGrain Conversation(IClusterClient client, TenantId tenant, string id) =>
        client.GetGrain<IConversationRoutingGrain>(EntityId.Key(tenant, id));

    private static ConversationOpening Opening(TimeSpan? expiresAfter) => new(
        ContactId.Parse("573001234567"), "Ana", RotationMode.None, null, null, expiresAfter,
        [new HistoryEntry(HistorySender.User, "hello", DateTimeOffset.UtcNow)],
        new Dictionary<string, string>(), DateTimeOffset.UtcNow);

    private static async Task<long> CountRemindersAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @service AND ReminderName = 'expiry'", connection);
        command.Parameters.AddWithValue("service", serviceId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
