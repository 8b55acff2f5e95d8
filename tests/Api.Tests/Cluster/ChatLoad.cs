using System.Net;
using System.Net.Http.Json;
using Truora.Api.Tests.Faults;
using Truora.Api.Tests.Hosting;

namespace Truora.Api.Tests.Cluster;

/// <summary>
/// Users writing and their agents answering, each on its own loop through all the nodes, until stopped: what each
/// was acknowledged for (200 for a user's message, which is retried until it gets one; 202 for a reply).
/// </summary>
internal sealed class ChatLoad : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ChatLoad(IReadOnlyList<NodeProcess> nodes, FaultTenant tenant, IReadOnlyDictionary<string, (string Id, string Owner)> conversations) =>
        running = Task.WhenAll(conversations.SelectMany(pair => new[]
        {
            WriteAsync(nodes, tenant, pair.Key),
            AnswerAsync(nodes, tenant, pair.Value.Id, tenant.AgentKeys[pair.Value.Owner]),
        }));

    public List<(string Phone, string Text)> Messages { get; } = [];

    public List<(string ConversationId, string Text)> Replies { get; } = [];

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await running;
    }

    public void Dispose() => stop.Dispose();

    private async Task WriteAsync(IReadOnlyList<NodeProcess> nodes, FaultTenant tenant, string phone)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var text = $"load {phone} {n}";
            // Once begun, a message is delivered until acknowledged, as Meta would, even past the stop.
            await tenant.DeliverAsync([.. nodes.Where(node => !node.HasExited)], phone, text, patience: ClusterFaultTests.Patience);
            lock (Messages)
            {
                Messages.Add((phone, text));
            }

            await Task.Delay(Random.Shared.Next(50, 250), Cancel);
        }
    }

    private async Task AnswerAsync(IReadOnlyList<NodeProcess> nodes, FaultTenant tenant, string conversationId, string agentKey)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var text = $"reply {conversationId} {n}";
            var live = nodes.Where(node => !node.HasExited).ToList();
            using var agent = FaultTenant.Client(live[Random.Shared.Next(live.Count)], agentKey);
            try
            {
                using var response = await agent.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text }, Cancel);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    lock (Replies)
                    {
                        Replies.Add((conversationId, text));
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Cancel.IsCancellationRequested)
            {
                // The node died under the request: nothing was promised.
            }

            await Task.Delay(Random.Shared.Next(50, 250), Cancel);
        }
    }
}
