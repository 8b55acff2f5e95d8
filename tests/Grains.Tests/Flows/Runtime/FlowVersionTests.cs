namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>An admin's edit makes a new version for new users; a user in the middle of the flow finishes the version it started.</summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowVersionTests(FlowRuntimeCluster fixture)
{
    [Fact]
    public async Task AUserWaitingAtTheQuestionFinishesVersionOneWhileANewUserRunsVersionTwo()
    {
        var tenant = await fixture.NewTenantAsync("America/Bogota");
        var support = await tenant.GroupAsync();
        var sales = await tenant.GroupAsync();
        var first = await tenant.SaveFlowAsync("kyc", Kyc("Hi! Let's verify you.", support));
        await tenant.UseChannelAsync(defaultFlowId: "kyc");
        var early = new WhatsAppUser(fixture, tenant, "573001000001");
        var late = new WhatsAppUser(fixture, tenant, "573001000002");

        await early.SaysAsync("hi");
        var second = await tenant.SaveFlowAsync("kyc", Kyc("Hello from the new verification.", sales));
        await early.SaysAsync("1111");
        await late.SaysAsync("hi");
        await late.SaysAsync("2222");
        var earlyConversation = Assert.Single(await tenant.ConversationsWithAsync(early.Phone));
        var lateConversation = Assert.Single(await tenant.ConversationsWithAsync(late.Phone));

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(support, earlyConversation.GroupId);
        Assert.Equal(
            ["user: hi", "bot(welcome): Hi! Let's verify you.", "bot(ask_doc): Your document number?", "user: 1111"],
            (await tenant.DetailsAsync(earlyConversation.Id)).Lines());
        Assert.Equal(sales, lateConversation.GroupId);
        Assert.Equal(
            ["user: hi", "bot(welcome): Hello from the new verification.", "bot(ask_doc): Your document number?", "user: 2222"],
            (await tenant.DetailsAsync(lateConversation.Id)).Lines());
    }

    /// <summary>A flow without a condition, so the hand-off does not depend on the hour.</summary>
    private static string Kyc(string welcome, string group) => $$"""
        {
          "name": "KYC",
          "start": "welcome",
          "blocks": [
            {"id": "welcome", "type": "message", "text": "{{welcome}}", "next": "ask_doc"},
            {"id": "ask_doc", "type": "question", "text": "Your document number?", "variable": "document", "next": "human"},
            {"id": "human", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "none", "groupId": "{{group}}"}, "next": null}
          ]
        }
        """;
}
