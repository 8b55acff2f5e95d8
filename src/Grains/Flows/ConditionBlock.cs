using System.Globalization;
using System.Text.Json.Nodes;

namespace Truora.Grains.Flows;

/// <summary>
/// Branches on the time the user reaches the block, in the tenant's zone: the first matching rule's
/// <see cref="ConditionRule.Next"/>, else <see cref="Else"/>. <see cref="ConditionClock"/> evaluates it.
/// </summary>
public sealed record ConditionBlock(string Id, IReadOnlyList<ConditionRule> Rules, string Else) : FlowBlock(Id), IBlockType<ConditionBlock>
{
    private const string TimeFormat = "HH:mm";

    public static string TypeName => "condition";

    public override string Type => TypeName;

    public static ConditionBlock? Parse(BlockReader block)
    {
        var rules = block.Objects("rules");
        var parsed = rules?.Select(ParseRule).ToList();
        var otherwise = block.Target("else");
        return parsed is null || parsed.Contains(null) || otherwise is null
            ? null
            : new ConditionBlock(block.Id, [.. parsed.OfType<ConditionRule>()], otherwise);
    }

    public override FlowStep Run(FlowContext context) => new(ConditionClock.Evaluate(this, context.Now, context.Zone));

    protected override void WriteFields(JsonObject json)
    {
        var rules = new JsonArray();
        foreach (var rule in Rules)
        {
            var days = new JsonArray();
            foreach (var day in rule.Days)
            {
                days.Add((JsonNode?)DayNames.Of(day));
            }

            // Typed as JsonNode so Add(JsonNode) is chosen over the reflection-based Add<T>.
            JsonNode item = new JsonObject
            {
                ["days"] = days,
                ["from"] = rule.From.ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["to"] = rule.To.ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["next"] = rule.Next,
            };
            rules.Add(item);
        }

        json["rules"] = rules;
        json["else"] = Else;
    }

    private static ConditionRule? ParseRule(BlockReader rule)
    {
        var days = Days(rule);
        var from = Time(rule, "from");
        var to = Time(rule, "to");
        var next = rule.Target("next");
        if (from is not null && from == to)
        {
            rule.Error("to", "Must differ from 'from'; a rule spanning midnight has 'from' after 'to'.");
            return null;
        }

        return days is null || from is null || to is null || next is null
            ? null
            : new ConditionRule(days, from.Value, to.Value, next);
    }

    private static List<DayOfWeek>? Days(BlockReader rule)
    {
        var names = rule.Strings("days");
        if (names is null)
        {
            return null;
        }

        if (names.Count == 0)
        {
            rule.Error("days", "Must name at least one day.");
            return null;
        }

        var days = new List<DayOfWeek>(names.Count);
        foreach (var name in names)
        {
            if (!DayNames.TryParse(name, out var day))
            {
                rule.Error("days", $"Unknown day '{name}'; use {DayNames.Listed}.");
                return null;
            }

            if (days.Contains(day))
            {
                rule.Error("days", $"Names '{name}' twice.");
                return null;
            }

            days.Add(day);
        }

        return days;
    }

    private static TimeOnly? Time(BlockReader rule, string name)
    {
        var text = rule.StringValue(name);
        if (text is null)
        {
            return null;
        }

        // Exactly HH:mm: "9:00" or "09:00:00" would not come back from a GET as they were sent.
        if (text.Length != TimeFormat.Length
            || !TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            rule.Error(name, "Must be a time of day as HH:mm, from 00:00 to 23:59.");
            return null;
        }

        return time;
    }
}
