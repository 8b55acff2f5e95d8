using System.Text.Json.Nodes;

namespace Truora.Grains.Flows;

/// <summary>
/// A valid flow, made by <see cref="FlowParser"/>. <see cref="Blocks"/> keeps the order the client wrote them in,
/// so <see cref="ToJson"/> gives back the flow as it was sent.
/// </summary>
public sealed record FlowDefinition(string Name, TimeSpan? ExpiresAfter, string Start, IReadOnlyDictionary<string, FlowBlock> Blocks)
{
    public const int MaxNameLength = 200;

    /// <summary>A conversation closes after 24 hours anyway, so a longer flow expiry would never fire.</summary>
    public static TimeSpan MaxExpiresAfter { get; } = TimeSpan.FromHours(24);

    public FlowBlock StartBlock => Blocks[Start];

    /// <summary>Only a time condition reads the tenant's time zone; a flow without one never asks for it.</summary>
    public bool ReadsClock { get; } = Blocks.Values.Any(block => block is ConditionBlock);

    /// <summary>The contract's JSON shape: camelCase, block <c>type</c> names, days, HH:mm times, ISO-8601 durations.</summary>
    public JsonObject ToJson()
    {
        var blocks = new JsonArray();
        foreach (var block in Blocks.Values)
        {
            JsonNode node = block.ToJson();
            blocks.Add(node);
        }

        var json = new JsonObject { ["name"] = Name };
        if (ExpiresAfter is { } expiresAfter)
        {
            json["expiresAfter"] = IsoDuration.Format(expiresAfter);
        }

        json["start"] = Start;
        json["blocks"] = blocks;
        return json;
    }
}
