namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>
/// A flow whose blocks loop without ever waiting for the user is cut after ContactOptions.MaxStepsWithoutUser
/// blocks. The loop sits behind a question and an every-day 09:00–18:00 condition: answered at 20:00 the flow
/// falls into loop1 → loop2 → loop1…, and the answer must still come back promptly. Answered at 10:00 the same
/// flow hands off instead, so the hand-off's transcript shows whether the user's next message started the flow
/// afresh (the question again, no loop prompts, no earlier answer) after the cut.
/// </summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class LoopGuardTests(FlowRuntimeCluster fixture)
{
    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    [Fact]
    public async Task ALoopThatNeverWaitsIsCutAndTheNextMessageStartsTheFlowAfresh()
    {
        fixture.MoveTo(LocalTimes.Next(fixture.Now, Bogota, day: null, new TimeOnly(20, 0)));
        var tenant = await fixture.NewTenantAsync("America/Bogota");
        var group = await tenant.GroupAsync();
        await tenant.SaveFlowAsync("loop", Loop(group));
        await tenant.UseChannelAsync(defaultFlowId: "loop");
        var user = new WhatsAppUser(fixture, tenant, "573009876543");

        await user.SaysAsync("hi");
        // Well under Orleans' 30-second response timeout, so a hang fails here and not as a timeout elsewhere.
        await user.SaysAsync("a loan").WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var afterLoop = await tenant.ConversationsWithAsync(user.Phone);
        fixture.MoveTo(LocalTimes.Next(fixture.Now, Bogota, day: null, new TimeOnly(10, 0)));
        await user.SaysAsync("hello again");
        await user.SaysAsync("a card");
        var conversation = Assert.Single(await tenant.ConversationsWithAsync(user.Phone));
        var details = await tenant.DetailsAsync(conversation.Id);

        Assert.Empty(afterLoop);
        Assert.Equal(["user: hello again", "bot(ask): What do you need?", "user: a card"], details.Lines());
        Assert.Equal("a card", Assert.Contains("need", details.Variables));
    }

    private static string Loop(string group) => $$"""
        {
          "name": "Looping by mistake",
          "start": "ask",
          "blocks": [
            {"id": "ask", "type": "question", "text": "What do you need?", "variable": "need", "next": "hours"},
            {"id": "hours", "type": "condition",
             "rules": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "from": "09:00", "to": "18:00", "next": "human"}],
             "else": "loop1"},
            {"id": "loop1", "type": "message", "text": "One moment, please.", "next": "loop2"},
            {"id": "loop2", "type": "message", "text": "Still looking.", "next": "loop1"},
            {"id": "human", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "none", "groupId": "{{group}}"}, "next": null}
          ]
        }
        """;
}
