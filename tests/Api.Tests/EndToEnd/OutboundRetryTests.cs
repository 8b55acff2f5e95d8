using System.Net;
using System.Net.Http.Json;
using Truora.Tests;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class OutboundRetryTests(InProcessNode node)
{
    // Two retries at the default 500 ms exponential backoff, with jitter, and room for a slow machine.
    private static readonly TimeSpan RetryPatience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AnAgentsMessageGetsThroughTwoServerErrorsAndIsSent()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var conversationId = await tenant.ReachAgentAsync(user);
        const string reply = "Thanks for waiting, checking now.";
        tenant.Graph.FailNext(2);

        using var response = await tenant.FirstAgent.PostAsJsonAsync(
            $"/v1/conversations/{conversationId}/messages", new { text = reply }, TestContext.Current.CancellationToken);

        await response.ExpectAsync(HttpStatusCode.Accepted);
        await Poll.UntilAsync(
            () => WhatsAppTenant.ConversationAsync(tenant.FirstAgent, conversationId),
            conversation => ConversationJson.DeliveryOf(conversation, "agent", reply) == "sent",
            "the agent's message to be sent after the retries",
            RetryPatience);
        var attempts = tenant.Graph.Posts.Where(post => post.Text == reply).ToArray();
        int[] twoFailuresThenSuccess = [500, 500, 200];
        Assert.Equal(twoFailuresThenSuccess, attempts.Select(post => post.AnsweredStatus).ToArray());
        Assert.All(attempts, attempt => Assert.Equal(user, attempt.To));
    }
}
