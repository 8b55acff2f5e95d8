using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Tests.Conversations;

/// <summary>
/// A conversation that goes quiet lets its history pages go (this cluster's hold is 200 ms) and stays whole:
/// what comes after reads them back.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class QuietConversationTests(RealClockCluster fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AQuietConversationKeepsItsWholeHistoryAndStillRecognisesARetriedMessage()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0");
        var routing = tenant.ConversationRouting(conversation.Id);
        for (var n = 1; n <= 40; n++)
        {
            Assert.True(await routing.AppendUserMessageAsync(Message(conversation, n)));
        }

        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        Assert.True(await routing.AppendUserMessageAsync(Message(conversation, 40)));
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        var before = await tenant.HistoryAsync(conversation.Id);
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        Assert.True(await routing.AppendUserMessageAsync(Message(conversation, 41)));

        var history = await tenant.HistoryAsync(conversation.Id);
        Assert.Equal(before.Count + 1, history.Count);
        var user = history.Where(entry => entry.From is HistorySender.User).Select(entry => entry.Text).ToList();
        Assert.Equal(["I need help", .. Enumerable.Range(1, 41).Select(n => $"message {n}")], user);
    }

    private static InboundMessage Message(ConversationSummary conversation, int n) =>
        new($"wamid.quiet.{n}", conversation.ContactPhone, "User", DateTimeOffset.UtcNow, $"message {n}", InboundMessageKinds.Text);
}
