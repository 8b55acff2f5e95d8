namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>
/// A running flow's condition reads the wall clock of the tenant's zone on the days clocks change. Madrid springs
/// forward on the last Sunday of March (02:00 CET → 03:00 CEST) and falls back on the last Sunday of October
/// (03:00 CEST → 02:00 CET); from the cluster's start these are 2026-03-29 and 2026-10-25, where 10:00 local is
/// 08:00Z and 09:00Z. At 08:30 local the fall-back day would match a rule read with the summer offset.
/// </summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class DaylightSavingRunTests(FlowRuntimeCluster fixture)
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(10, 2, 1)]
    public async Task OnTheDayClocksChangeASundayRuleFromNineToSixHandsOffAtTenButNotAtHalfPastEight(int month, int hoursBefore, int hoursAfter)
    {
        var day = LocalTimes.NextLastSunday(fixture.Now, Madrid, month, new TimeOnly(8, 30));
        var halfPastEight = LocalTimes.At(day, new TimeOnly(8, 30), Madrid);
        var ten = LocalTimes.At(day, new TimeOnly(10, 0), Madrid);
        Assert.Equal(TimeSpan.FromHours(hoursBefore), Madrid.GetUtcOffset(LocalTimes.At(day, new TimeOnly(1, 0), Madrid)));
        Assert.Equal(TimeSpan.FromHours(hoursAfter), Madrid.GetUtcOffset(ten));
        var tenant = await fixture.NewTenantAsync("Europe/Madrid");
        var group = await tenant.GroupAsync();
        await tenant.SaveFlowAsync("sunday", SundayDesk(group));
        await tenant.UseChannelAsync(defaultFlowId: "sunday");
        var user = new WhatsAppUser(fixture, tenant, "34600123456");

        fixture.MoveTo(halfPastEight);
        await user.SaysAsync("hi");
        await user.SaysAsync("X1234567");
        var early = await tenant.ConversationsWithAsync(user.Phone);
        fixture.MoveTo(ten);
        await user.SaysAsync("hello again");
        await user.SaysAsync("Y7654321");
        var conversation = Assert.Single(await tenant.ConversationsWithAsync(user.Phone));
        var details = await tenant.DetailsAsync(conversation.Id);

        Assert.Empty(early);
        Assert.Equal(group, conversation.GroupId);
        Assert.Equal(ten, conversation.OpenedAt);
        Assert.Equal(["user: hello again", "bot(ask_doc): Your document number?", "user: Y7654321"], details.Lines());
        Assert.Equal("Y7654321", Assert.Contains("document", details.Variables));
    }

    private static string SundayDesk(string group) => $$"""
        {
          "name": "Sunday desk",
          "start": "ask_doc",
          "blocks": [
            {"id": "ask_doc", "type": "question", "text": "Your document number?", "variable": "document", "next": "hours"},
            {"id": "hours", "type": "condition",
             "rules": [{"days": ["sun"], "from": "09:00", "to": "18:00", "next": "human"}],
             "else": "closed"},
            {"id": "human", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "none", "groupId": "{{group}}"}, "next": null},
            {"id": "closed", "type": "message", "text": "We open at 9.", "next": null}
          ]
        }
        """;
}
