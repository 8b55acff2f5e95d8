using System.Text;
using Npgsql;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Faults;
using Truora.Tests;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>
/// A channel's access token and app secret are sealed in the grain-state table, its verify token hashed: someone who
/// reads the database (a backup, a replica, a stolen dump) learns none of them, and the node still works with them.
/// </summary>
public sealed class SecretsAtRestTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDatabaseHoldsNoChannelSecretInClear()
    {
        var connectionString = TestPostgres.Require();
        var service = TestPostgres.NewId("secrets");
        await using var node = await FaultNode.StartAsync(FaultNode.Environment(connectionString, service, TestPostgres.NewId("c")));
        await using var graph = await GraphApiStandIn.StartAsync();
        var tenant = await FaultTenant.CreateAsync(node, graph, agents: 1);
        var stored = await StoredStatesAsync(connectionString, service);
        Assert.NotEmpty(stored);
        foreach (var secret in new[] { WhatsAppTenant.AccessToken, WhatsAppTenant.AppSecret, WhatsAppTenant.VerifyToken })
        {
            Assert.DoesNotContain(stored, payload => Contains(payload, Encoding.UTF8.GetBytes(secret)));
        }

        using var meta = new HttpClient { BaseAddress = node.BaseAddress };
        var challenge = await meta.GetStringAsync($"/v1/webhooks/whatsapp/{tenant.Id}?hub.mode=subscribe&hub.verify_token={WhatsAppTenant.VerifyToken}&hub.challenge=42", Cancel);
        Assert.Equal("42", challenge);
        await tenant.DeliverAsync([node], "573006660001", "hi");
        var posts = await graph.WaitForAsync(posts => posts.Any(post => post.To == "573006660001"), Poll.Patience);
        Assert.Equal($"Bearer {WhatsAppTenant.AccessToken}", posts.First(post => post.To == "573006660001").Authorization);
    }

    /// <summary>Every grain state of the service, as the database holds it.</summary>
    private static async Task<List<byte[]>> StoredStatesAsync(string connectionString, string service)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT PayloadBinary FROM OrleansStorage WHERE ServiceId = @service AND PayloadBinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("service", service);
        var payloads = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            payloads.Add((byte[])reader[0]);
        }

        return payloads;
    }

    private static bool Contains(byte[] payload, byte[] secret) => payload.AsSpan().IndexOf(secret) >= 0;
}
