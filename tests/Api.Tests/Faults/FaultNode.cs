using Truora.Api.Tests.Hosting;

namespace Truora.Api.Tests.Faults;

/// <summary>The settings fault tests start their PostgreSQL nodes with: short failure detection and retry periods.</summary>
internal static class FaultNode
{
    public const string OperatorKey = "op_fault-test-operator-key-0123456789";

    /// <summary>
    /// A node of service <paramref name="serviceId"/> (its grain state and reminders) in cluster <paramref name="clusterId"/>:
    /// a node restarted after a kill takes a fresh cluster id (a cluster whose silos all died can sit in Joining)
    /// and the same service, so it finds the dead node's state and reminders.
    /// </summary>
    public static Dictionary<string, string?> Environment(string connectionString, string serviceId, string clusterId) => new()
    {
        ["Truora__Storage"] = "Postgres",
        ["Truora__Storage__AutoMigrate"] = "true",
        ["ConnectionStrings__Orleans"] = connectionString,
        ["Truora__OperatorKey"] = OperatorKey,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = serviceId,
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Truora__Reminders__MinimumReminderPeriod"] = "00:00:03",
        ["Truora__Contacts__OutboxRetry"] = "00:00:03",
        ["Truora__Conversations__ExpiryRetry"] = "00:00:05",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var node = NodeProcess.Start(environment);
        Assert.True(await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken), node.Output);
        return node;
    }

    /// <summary>The node's first error lines: a failed assertion's context.</summary>
    public static string FirstError(NodeProcess node)
    {
        var output = node.Output;
        var at = output.IndexOf("fail:", StringComparison.Ordinal);
        return at < 0 ? "(no error logged)" : output[at..Math.Min(output.Length, at + 4000)];
    }

    /// <summary>The same settings in another cluster: how a node killed with all its cluster is started again.</summary>
    public static Dictionary<string, string?> WithCluster(this Dictionary<string, string?> environment, string clusterId) =>
        new(environment) { ["Orleans__ClusterId"] = clusterId };
}
