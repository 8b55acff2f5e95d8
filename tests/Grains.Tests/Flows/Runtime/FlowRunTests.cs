using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>A user's messages run the channel's default flow: message, question, the hours condition, the hand-off.</summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowRunTests(FlowRuntimeCluster fixture)
{
    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    [Fact]
    public async Task InsideTheHoursTheAnswerIsCapturedAndTheUserIsHandedToTheGroupWithTheTranscript()
    {
        fixture.MoveTo(LocalTimes.Next(fixture.Now, Bogota, DayOfWeek.Monday, new TimeOnly(10, 0)));
        var tenant = await fixture.NewTenantAsync("America/Bogota");
        var group = await tenant.GroupAsync(await tenant.AgentsAsync(1));
        await tenant.SaveFlowAsync("sales", Sales);
        await tenant.SaveFlowAsync("kyc", Kyc(group));
        await tenant.UseChannelAsync(defaultFlowId: "kyc");
        var user = new WhatsAppUser(fixture, tenant, "573001234567");

        await user.SaysAsync("hi");
        var whileAsking = await tenant.ConversationsWithAsync(user.Phone);
        await user.SaysAsync("1020304050");
        var conversation = Assert.Single(await tenant.ConversationsWithAsync(user.Phone));
        var details = await tenant.DetailsAsync(conversation.Id);

        Assert.Empty(whileAsking);
        Assert.Equal(group, conversation.GroupId);
        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        Assert.Equal("a0", conversation.OwnerId);
        Assert.Equal(
            ["user: hi", "bot(welcome): Hi! Let's verify you.", "bot(ask_doc): Your document number?", "user: 1020304050"],
            details.Lines());
        Assert.Equal("1020304050", Assert.Contains("document", details.Variables));
    }

    [Fact]
    public async Task OutsideTheHoursTheFlowEndsWithoutAConversationAndTheNextMessageStartsItAgain()
    {
        fixture.MoveTo(LocalTimes.Next(fixture.Now, Bogota, DayOfWeek.Monday, new TimeOnly(20, 0)));
        var tenant = await fixture.NewTenantAsync("America/Bogota");
        var group = await tenant.GroupAsync(await tenant.AgentsAsync(1));
        await tenant.SaveFlowAsync("kyc", Kyc(group));
        await tenant.UseChannelAsync(defaultFlowId: "kyc");
        var user = new WhatsAppUser(fixture, tenant, "573001234567");

        await user.SaysAsync("hi");
        await user.SaysAsync("1020304050");
        var afterHours = await tenant.ConversationsWithAsync(user.Phone);
        // Had the 'closed' branch not ended the flow, the next message would not start it from 'welcome' again.
        fixture.MoveTo(LocalTimes.Next(fixture.Now, Bogota, DayOfWeek.Tuesday, new TimeOnly(10, 0)));
        await user.SaysAsync("hello again");
        await user.SaysAsync("5060708090");
        var conversation = Assert.Single(await tenant.ConversationsWithAsync(user.Phone));
        var details = await tenant.DetailsAsync(conversation.Id);

        Assert.Empty(afterHours);
        Assert.Equal(
            ["user: hello again", "bot(welcome): Hi! Let's verify you.", "bot(ask_doc): Your document number?", "user: 5060708090"],
            details.Lines());
        Assert.Equal("5060708090", Assert.Contains("document", details.Variables));
    }

    /// <summary>Another flow of the tenant, which is not the channel's default.</summary>
    private const string Sales = """
        {"name": "Sales", "start": "hello", "blocks": [
          {"id": "hello", "type": "message", "text": "Welcome to sales!", "next": null}
        ]}
        """;

    /// <summary>The contract's example, handing off to <paramref name="group"/>.</summary>
    private static string Kyc(string group) => FlowSamples.Example.Replace("g-support", group, StringComparison.Ordinal);
}
