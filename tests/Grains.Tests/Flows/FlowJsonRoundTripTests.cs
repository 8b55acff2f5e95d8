using System.Text.Json;
using System.Text.Json.Nodes;

namespace Truora.Grains.Tests.Flows;

public sealed class FlowJsonRoundTripTests
{
    private const string EveryFeature = """
        {
          "name": "Every block",
          "expiresAfter": "PT6S",
          "start": "hours",
          "blocks": [
            {"id": "hours", "type": "condition", "rules": [
              {"days": ["fri", "sat"], "from": "22:00", "to": "02:00", "next": "ask"},
              {"days": ["sun"], "from": "00:00", "to": "23:59", "next": "nobody"}
            ], "else": "quiet"},
            {"id": "quiet", "type": "condition", "rules": [], "else": "ask"},
            {"id": "ask", "type": "question", "text": "Name?", "variable": "full_name_2", "next": "ana"},
            {"id": "ana", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "specific", "agentId": "ana"}, "next": "ana-in-sales"},
            {"id": "ana-in-sales", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "specific", "groupId": "g-sales", "agentId": "ana"}, "next": "all"},
            {"id": "all", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "all", "groupId": "g-support"}, "next": null},
            {"id": "nobody", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "none", "groupId": "g-support"}, "next": null}
          ]
        }
        """;

    private const string WithoutExpiry = """
        {"name": "Short", "start": "a", "blocks": [{"id": "a", "type": "message", "text": "Bye", "next": null}]}
        """;

    [Theory]
    [InlineData(FlowSamples.Example)]
    [InlineData(EveryFeature)]
    [InlineData(WithoutExpiry)]
    public void AFlowComesBackAsItWasSent(string json)
    {
        var flow = FlowSamples.Valid(JsonSerializer.Deserialize<JsonElement>(json));

        var written = flow.ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), written), written.ToJsonString());
    }

    [Fact]
    public void TheWrittenFlowParsesToTheSameFlow()
    {
        var first = FlowSamples.Valid(FlowSamples.ExampleJson()).ToJson();

        var second = FlowSamples.Valid(JsonSerializer.SerializeToElement(first)).ToJson();

        Assert.True(JsonNode.DeepEquals(first, second));
    }

    [Theory]
    [InlineData("PT2H", "PT2H")]
    [InlineData("PT6S", "PT6S")]
    [InlineData("PT0.5S", "PT0.5S")]
    [InlineData("PT90M", "PT1H30M")]
    [InlineData("PT1H0M30S", "PT1H30S")]
    [InlineData("P1D", "PT24H")]
    public void ExpiryIsWrittenInHoursMinutesAndSeconds(string sent, string written)
    {
        var flow = FlowSamples.Valid(FlowSamples.Flow($"[{FlowSamples.End}]", expiresAfter: $"'{sent}'"));

        Assert.Equal(written, flow.ToJson()["expiresAfter"]?.GetValue<string>());
    }
}
