using System.Text.Json;
using Truora.Grains.Flows;

namespace Truora.Grains.Tests.Flows;

/// <summary>Flows and tenant references shared by the flow tests.</summary>
internal static class FlowSamples
{
    /// <summary>The example of the contract, verbatim.</summary>
    public const string Example = """
        {
          "name": "KYC with human help",
          "expiresAfter": "PT2H",
          "start": "welcome",
          "blocks": [
            {"id": "welcome", "type": "message", "text": "Hi! Let's verify you.", "next": "ask_doc"},
            {"id": "ask_doc", "type": "question", "text": "Your document number?", "variable": "document", "next": "hours"},
            {"id": "hours", "type": "condition",
             "rules": [{"days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "18:00", "next": "human"}],
             "else": "closed"},
            {"id": "human", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "available", "groupId": "g-support"}, "next": "done"},
            {"id": "closed", "type": "message", "text": "We are closed, come back at 9.", "next": null},
            {"id": "done", "type": "message", "text": "Thanks, your verification continues.", "next": null}
          ]
        }
        """;

    /// <summary>A one-block flow that ends at once, for tables that break something else.</summary>
    public const string End = "{'id':'a','type':'message','text':'Hi','next':null}";

    public static FlowReferences References { get; } = new(
        new HashSet<string>(StringComparer.Ordinal) { "g-support", "g-sales" },
        new HashSet<string>(StringComparer.Ordinal) { "ana" });

    /// <summary>Parses JSON written with single quotes, which keeps test tables readable.</summary>
    public static JsonElement Json(string singleQuoted) => JsonSerializer.Deserialize<JsonElement>(singleQuoted.Replace('\'', '"'));

    public static JsonElement ExampleJson() => JsonSerializer.Deserialize<JsonElement>(Example);

    public static FlowParseResult Parse(string singleQuoted) => FlowParser.Parse(Json(singleQuoted), References);

    public static FlowDefinition Valid(string singleQuoted) => Valid(Json(singleQuoted));

    public static FlowDefinition Valid(JsonElement json)
    {
        var result = FlowParser.Parse(json, References);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")));
        return result.Definition!;
    }

    /// <summary>A flow from single-quoted JSON fragments; a null fragment leaves its field out.</summary>
    public static string Flow(string? blocks, string? start = "'a'", string? name = "'Test'", string? expiresAfter = null)
    {
        var fields = new List<string>();
        if (name is not null)
        {
            fields.Add($"'name':{name}");
        }

        if (expiresAfter is not null)
        {
            fields.Add($"'expiresAfter':{expiresAfter}");
        }

        if (start is not null)
        {
            fields.Add($"'start':{start}");
        }

        if (blocks is not null)
        {
            fields.Add($"'blocks':{blocks}");
        }

        return "{" + string.Join(",", fields) + "}";
    }
}
