using Truora.Grains.Flows;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Flows;

public sealed class FlowParsingTests
{
    [Fact]
    public void TheContractExampleParsesIntoItsBlocks()
    {
        var flow = FlowSamples.Valid(FlowSamples.ExampleJson());

        Assert.Equal("KYC with human help", flow.Name);
        Assert.Equal(TimeSpan.FromHours(2), flow.ExpiresAfter);
        Assert.Equal("welcome", flow.Start);
        Assert.Equal(new[] { "welcome", "ask_doc", "hours", "human", "closed", "done" }, flow.Blocks.Keys);
        Assert.Equal(new MessageBlock("welcome", "Hi! Let's verify you.", "ask_doc"), flow.StartBlock);
        Assert.Equal(new QuestionBlock("ask_doc", "Your document number?", "document", "hours"), flow.Blocks["ask_doc"]);
        Assert.Equal(new ConnectAgentBlock("human", RotationMode.Available, "g-support", null, "done"), flow.Blocks["human"]);
        Assert.Null(Assert.IsType<MessageBlock>(flow.Blocks["closed"]).Next);

        var hours = Assert.IsType<ConditionBlock>(flow.Blocks["hours"]);
        Assert.Equal("closed", hours.Else);
        var rule = Assert.Single(hours.Rules);
        Assert.Equal(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }, rule.Days);
        Assert.Equal(new TimeOnly(9, 0), rule.From);
        Assert.Equal(new TimeOnly(18, 0), rule.To);
        Assert.Equal("human", rule.Next);
    }

    [Theory]
    [InlineData("'PT6S'", 6.0)]
    [InlineData("'PT0.5S'", 0.5)]
    [InlineData("'PT90M'", 5400.0)]
    [InlineData("'PT24H'", 86400.0)]
    [InlineData("'P1D'", 86400.0)]
    public void AcceptsExpiryUpToADay(string expiresAfter, double seconds)
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: expiresAfter));

        Assert.Equal(TimeSpan.FromSeconds(seconds), flow.ExpiresAfter);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void LeavesExpiryOutWhenTheFlowDoes(string? expiresAfter)
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: expiresAfter));

        Assert.Null(flow.ExpiresAfter);
    }

    [Fact]
    public void AMissingNextEndsTheFlow()
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow("[{'id':'a','type':'message','text':'Bye'}]"));

        Assert.Null(Assert.IsType<MessageBlock>(flow.StartBlock).Next);
    }

    [Fact]
    public void UnreachableBlocksAreAccepted()
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow($"[{FlowSamples.End},{{'id':'orphan','type':'message','text':'Never','next':'a'}}]"));

        Assert.Equal(2, flow.Blocks.Count);
    }

    [Theory]
    [InlineData("{'mode':'specific','agentId':'ana'}", null)]
    [InlineData("{'mode':'specific','agentId':'ana','groupId':'g-sales'}", "g-sales")]
    public void ASpecificAgentNeedsNoGroupButKeepsOneWhenGiven(string assign, string? groupId)
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow($"[{{'id':'a','type':'connect_agent','crm':'truora_conversations','assign':{assign},'next':null}}]"));

        Assert.Equal(new ConnectAgentBlock("a", RotationMode.Specific, groupId, "ana", null), flow.StartBlock);
    }

    [Theory]
    [InlineData("available", RotationMode.Available)]
    [InlineData("all", RotationMode.All)]
    [InlineData("none", RotationMode.None)]
    public void GroupModesRouteToTheirGroup(string mode, RotationMode expected)
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow(
            $"[{{'id':'a','type':'connect_agent','crm':'truora_conversations','assign':{{'mode':'{mode}','groupId':'g-sales'}}}}]"));

        Assert.Equal(new ConnectAgentBlock("a", expected, "g-sales", null, null), flow.StartBlock);
    }

    [Fact]
    public void AConditionMayHaveNoRules()
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow($"[{{'id':'c','type':'condition','rules':[],'else':'a'}},{FlowSamples.End}]", start: "'c'"));

        Assert.Empty(Assert.IsType<ConditionBlock>(flow.StartBlock).Rules);
    }

    [Fact]
    public void NamesTheGroupsAndAgentsAFlowMentionsWhetherOrNotTheyExist()
    {
        var json = FlowSamples.Json(FlowSamples.Flow(
            "[{'id':'a','type':'connect_agent','crm':'truora_conversations','assign':{'mode':'all','groupId':'g-x'},'next':'b'}," +
            "{'id':'b','type':'connect_agent','crm':'truora_conversations','assign':{'mode':'specific','agentId':'bob','groupId':'g-y'}}]"));

        var named = FlowParser.NamedIn(json);

        Assert.Equal(new[] { "g-x", "g-y" }, named.GroupIds.Order(StringComparer.Ordinal));
        Assert.Equal("bob", Assert.Single(named.AgentIds));
    }
}
