using System.Text.Json;
using System.Text.Json.Nodes;
using Truora.Grains.Flows;

namespace Truora.Grains.Tests.Flows;

public sealed class FlowValidationTests
{
    private const string Rule = "{'days':['mon'],'from':'09:00','to':'18:00','next':'a'}";

    public static TheoryData<string, string> InvalidFlows => new()
    {
        { FlowSamples.Flow($"[{FlowSamples.End}]", name: null), "name" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", name: "'   '"), "name" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", name: "7"), "name" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", name: $"'{new string('x', 201)}'"), "name" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", start: null), "start" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", start: "'nowhere'"), "start" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", start: "3"), "start" },
        { FlowSamples.Flow(null), "blocks" },
        { FlowSamples.Flow("{}"), "blocks" },
        { FlowSamples.Flow("[]"), "blocks" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'PT0S'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'PT24H1S'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'P2D'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'P1M'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'-PT1H'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'PT'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'2 hours'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "'01:00:00'"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: "7200"), "expiresAfter" },
        { FlowSamples.Flow($"[{FlowSamples.End},{FlowSamples.End}]"), "blocks[1].id" },
        { FlowSamples.Flow("[{'id':'A b','type':'message','text':'Hi'}]", start: "'A b'"), "blocks[0].id" },
        { FlowSamples.Flow("[{'type':'message','text':'Hi'}]"), "blocks[0].id" },
        { FlowSamples.Flow("[{'id':5,'type':'message','text':'Hi'}]"), "blocks[0].id" },
        { FlowSamples.Flow($"[{FlowSamples.End},7]"), "blocks[1]" },
        { FlowSamples.Flow("[{'id':'a','text':'Hi'}]"), "blocks[a].type" },
        { FlowSamples.Flow("[{'id':'a','type':'video','text':'Hi'}]"), "blocks[a].type" },
        { FlowSamples.Flow("[{'id':'a','type':3}]"), "blocks[a].type" },
        { FlowSamples.Flow("[{'id':'a','type':'message','text':'Hi','next':'nowhere'}]"), "blocks[a].next" },
        { FlowSamples.Flow("[{'id':'a','type':'message','text':'Hi','next':5}]"), "blocks[a].next" },
        { FlowSamples.Flow("[{'id':'a','type':'message','next':null}]"), "blocks[a].text" },
        { FlowSamples.Flow("[{'id':'a','type':'message','text':' ','next':null}]"), "blocks[a].text" },
        { FlowSamples.Flow("[{'id':'a','type':'message','text':5,'next':null}]"), "blocks[a].text" },
        { FlowSamples.Flow($"[{{'id':'a','type':'message','text':'{new string('x', 4097)}','next':null}}]"), "blocks[a].text" },
        { FlowSamples.Flow("[{'id':'a','type':'question','text':'Doc?','next':null}]"), "blocks[a].variable" },
        { FlowSamples.Flow("[{'id':'a','type':'question','text':'Doc?','variable':'doc number'}]"), "blocks[a].variable" },
        { FlowSamples.Flow("[{'id':'a','type':'question','text':'Doc?','variable':''}]"), "blocks[a].variable" },
        { FlowSamples.Flow("[{'id':'a','type':'question','text':'Doc?','variable':['doc']}]"), "blocks[a].variable" },
        { FlowSamples.Flow($"[{{'id':'a','type':'question','text':'Doc?','variable':'{new string('v', 65)}'}}]"), "blocks[a].variable" },
        { FlowSamples.Flow("[{'id':'a','type':'question','variable':'doc'}]"), "blocks[a].text" },
        { FlowSamples.Flow("[{'id':'a','type':'question','text':'Doc?','variable':'doc','next':'nowhere'}]"), "blocks[a].next" },
        { Condition("'else':'a'"), "blocks[a].rules" },
        { Condition("'rules':{},'else':'a'"), "blocks[a].rules" },
        { Condition("'rules':[5],'else':'a'"), "blocks[a].rules[0]" },
        { Condition($"'rules':[{Rule}],'else':'nowhere'"), "blocks[a].else" },
        { Condition($"'rules':[{Rule}]"), "blocks[a].else" },
        { Condition($"'rules':[{Rule}],'else':null"), "blocks[a].else" },
        { WithRule(days: "[]"), "blocks[a].rules[0].days" },
        { WithRule(days: "['mon','mon']"), "blocks[a].rules[0].days" },
        { WithRule(days: "['monday']"), "blocks[a].rules[0].days" },
        { WithRule(days: "[1]"), "blocks[a].rules[0].days" },
        { WithRule(days: "'mon'"), "blocks[a].rules[0].days" },
        { WithRule(days: "null"), "blocks[a].rules[0].days" },
        { Condition("'rules':[{'from':'09:00','to':'18:00','next':'a'}],'else':'a'"), "blocks[a].rules[0].days" },
        { Condition("'rules':[{'days':['mon'],'to':'18:00','next':'a'}],'else':'a'"), "blocks[a].rules[0].from" },
        { Condition("'rules':[{'days':['mon'],'from':'09:00','next':'a'}],'else':'a'"), "blocks[a].rules[0].to" },
        { Condition("'rules':[{'days':['mon'],'from':'09:00','to':'18:00'}],'else':'a'"), "blocks[a].rules[0].next" },
        { WithRule(from: "'9:00'"), "blocks[a].rules[0].from" },
        { WithRule(from: "'25:00'"), "blocks[a].rules[0].from" },
        { WithRule(from: "'09:00:00'"), "blocks[a].rules[0].from" },
        { WithRule(from: "900"), "blocks[a].rules[0].from" },
        { WithRule(from: "null"), "blocks[a].rules[0].from" },
        { WithRule(to: "'24:00'"), "blocks[a].rules[0].to" },
        { WithRule(to: "'09:00'"), "blocks[a].rules[0].to" },
        { WithRule(next: "'nowhere'"), "blocks[a].rules[0].next" },
        { WithRule(next: "null"), "blocks[a].rules[0].next" },
        { Condition($"'rules':[{Rule},{{'days':['sat'],'from':'9am','to':'18:00','next':'a'}}],'else':'a'"), "blocks[a].rules[1].from" },
        { ConnectAgent("'assign':{'mode':'available','groupId':'g-support'}"), "blocks[a].crm" },
        { ConnectAgent("'crm':'hubspot','assign':{'mode':'available','groupId':'g-support'}"), "blocks[a].crm" },
        { ConnectAgent("'crm':'truora_conversations'"), "blocks[a].assign" },
        { ConnectAgent("'crm':'truora_conversations','assign':'available'"), "blocks[a].assign" },
        { Assign("'mode':'round_robin','groupId':'g-support'"), "blocks[a].assign.mode" },
        { Assign("'groupId':'g-support'"), "blocks[a].assign.mode" },
        { Assign("'mode':1,'groupId':'g-support'"), "blocks[a].assign.mode" },
        { Assign("'mode':'available'"), "blocks[a].assign.groupId" },
        { Assign("'mode':'available','groupId':'g-unknown'"), "blocks[a].assign.groupId" },
        { Assign("'mode':'all','groupId':'g-unknown'"), "blocks[a].assign.groupId" },
        { Assign("'mode':'all'"), "blocks[a].assign.groupId" },
        { Assign("'mode':'none'"), "blocks[a].assign.groupId" },
        { Assign("'mode':'none','groupId':5"), "blocks[a].assign.groupId" },
        { Assign("'mode':'specific'"), "blocks[a].assign.agentId" },
        { Assign("'mode':'specific','agentId':'bob'"), "blocks[a].assign.agentId" },
        { Assign("'mode':'specific','agentId':'ana','groupId':'g-unknown'"), "blocks[a].assign.groupId" },
        { Assign("'mode':'available','groupId':'g-support','agentId':'ana'"), "blocks[a].assign.agentId" },
        { ConnectAgent("'crm':'truora_conversations','assign':{'mode':'none','groupId':'g-support'},'next':'nowhere'"), "blocks[a].next" },
    };

    [Theory]
    [MemberData(nameof(InvalidFlows))]
    public void AnInvalidFlowIsRefusedWithAnErrorOnTheField(string flow, string field)
    {
        var result = FlowSamples.Parse(flow);

        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
        Assert.Contains(field, result.Errors.Keys);
        Assert.All(result.Errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void ErrorsInTheContractExampleNameTheirBlock()
    {
        var example = JsonNode.Parse(FlowSamples.Example)!.AsObject();
        var blocks = example["blocks"]!.AsArray();
        blocks[1]!["next"] = "nope";
        blocks[3]!["assign"]!["groupId"] = "g-gone";

        var result = FlowParser.Parse(JsonSerializer.SerializeToElement(example), FlowSamples.References);

        Assert.Equal(new[] { "blocks[ask_doc].next", "blocks[human].assign.groupId" }, result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportsEveryErrorAtOnce()
    {
        var result = FlowSamples.Parse(FlowSamples.Flow(
            "[{'id':'a','type':'message','next':'x'},{'id':'b','type':'nope'}]", start: "'z'", name: null, expiresAfter: "'P3D'"));

        Assert.Equal(
            new[] { "blocks[a].next", "blocks[a].text", "blocks[b].type", "expiresAfter", "name", "start" },
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARepeatedBlockIsNamedByItsPosition()
    {
        var result = FlowSamples.Parse(FlowSamples.Flow($"[{FlowSamples.End},{{'id':'a','type':'message','next':'nowhere'}}]"));

        Assert.Equal(new[] { "blocks[1].id", "blocks[1].next", "blocks[1].text" }, result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("'flow'")]
    [InlineData("null")]
    [InlineData("42")]
    public void ANonObjectIsAnErrorNotAnException(string json)
    {
        var result = FlowParser.Parse(FlowSamples.Json(json), FlowSamples.References);

        Assert.Equal("$", Assert.Single(result.Errors).Key);
    }

    private static string Condition(string fields) => FlowSamples.Flow($"[{{'id':'a','type':'condition',{fields}}}]");

    private static string WithRule(string days = "['mon']", string from = "'09:00'", string to = "'18:00'", string next = "'a'") =>
        Condition($"'rules':[{{'days':{days},'from':{from},'to':{to},'next':{next}}}],'else':'a'");

    private static string ConnectAgent(string fields) => FlowSamples.Flow($"[{{'id':'a','type':'connect_agent',{fields}}}]");

    private static string Assign(string assign) => ConnectAgent($"'crm':'truora_conversations','assign':{{{assign}}}");
}
