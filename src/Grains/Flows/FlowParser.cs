using System.Text.Json;
using Truora.Grains.Interfaces;

namespace Truora.Grains.Flows;

/// <summary>
/// Turns a client's flow JSON into a <see cref="FlowDefinition"/>, or into every error found, each named after
/// its block (<c>blocks[human].assign.groupId</c>). It reads the whole flow before giving up, so a client fixes
/// all its mistakes from one response.
/// </summary>
public static class FlowParser
{
    /// <summary>Every block is parsed and every version kept for running sessions: a flow stays a document a person writes.</summary>
    public const int MaxBlocks = 500;

    /// <summary>The most UTF-8 bytes of a flow's JSON (the API answers 400 naming <c>body</c> past it).</summary>
    public const int MaxJsonBytes = 256 * 1024;

    public static FlowParseResult Parse(JsonElement json, FlowReferences references)
    {
        var errors = new FlowErrors();
        if (json.ValueKind is not JsonValueKind.Object)
        {
            errors.Add("$", "Must be a JSON object with name, start and blocks.");
            return new FlowParseResult(null, errors.ToDictionary(), FlowReferences.None);
        }

        var entries = Entries(json, errors);
        var blockIds = entries.Where(entry => entry.Unique).Select(entry => entry.Id).ToHashSet(StringComparer.Ordinal);
        var context = new FlowReadContext(references, blockIds, errors);
        var flow = new BlockReader(json, string.Empty, string.Empty, context);

        var name = Name(flow);
        var expiresAfter = ExpiresAfter(flow);
        var start = flow.Target("start");
        var blocks = new OrderedDictionary<string, FlowBlock>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var block = Block(new BlockReader(entry.Element, entry.Id, entry.Path, context));
            if (block is not null && entry.Unique)
            {
                blocks.Add(block.Id, block);
            }
        }

        var named = new FlowReferences(context.NamedGroups, context.NamedAgents);
        var definition = errors.Any || name is null || start is null
            ? null
            : new FlowDefinition(name, expiresAfter, start, blocks);
        return new FlowParseResult(definition, errors.ToDictionary(), named);
    }

    /// <summary>
    /// The group and agent ids a flow names, for the caller to look up before <see cref="Parse"/>; tolerant of
    /// any JSON, like <see cref="Parse"/>.
    /// </summary>
    public static FlowReferences NamedIn(JsonElement json) => Parse(json, FlowReferences.None).Named;

    private static string? Name(BlockReader flow)
    {
        var name = flow.StringValue("name")?.Trim();
        if (name is null)
        {
            return null;
        }

        if (name.Length is 0 or > FlowDefinition.MaxNameLength)
        {
            flow.Error("name", $"Must be 1 to {FlowDefinition.MaxNameLength} characters.");
            return null;
        }

        return name;
    }

    private static TimeSpan? ExpiresAfter(BlockReader flow)
    {
        var text = flow.StringValue("expiresAfter", required: false);
        if (text is null)
        {
            return null;
        }

        if (!IsoDuration.TryParse(text, out var value) || value <= TimeSpan.Zero || value > FlowDefinition.MaxExpiresAfter)
        {
            flow.Error("expiresAfter", "Must be an ISO-8601 duration greater than zero and at most PT24H, such as PT2H.");
            return null;
        }

        return value;
    }

    private static FlowBlock? Block(BlockReader block)
    {
        var type = block.StringValue("type");
        if (type is null)
        {
            return null;
        }

        if (!BlockKinds.TryGet(type, out var kind))
        {
            block.Error("type", $"Must be one of {string.Join(", ", BlockKinds.Types)}.");
            return null;
        }

        return kind.Parse(block);
    }

    /// <summary>
    /// The blocks with their field names, read before any block so every target can be checked against every id.
    /// A block keeps its id in field names (<c>blocks[welcome]</c>) unless the id is invalid or repeated; then its
    /// position is the only unambiguous name (<c>blocks[3]</c>).
    /// </summary>
    private static List<BlockEntry> Entries(JsonElement json, FlowErrors errors)
    {
        var entries = new List<BlockEntry>();
        if (!json.TryGetProperty("blocks", out var blocks) || blocks.ValueKind is JsonValueKind.Null)
        {
            errors.Add("blocks", "Is required.");
            return entries;
        }

        if (blocks.ValueKind is not JsonValueKind.Array)
        {
            errors.Add("blocks", "Must be an array of blocks.");
            return entries;
        }

        if (blocks.GetArrayLength() is 0 or > MaxBlocks)
        {
            errors.Add("blocks", $"Must hold 1 to {MaxBlocks} blocks.");
            return entries;
        }

        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = -1;
        foreach (var element in blocks.EnumerateArray())
        {
            var position = $"blocks[{++index}]";
            if (element.ValueKind is not JsonValueKind.Object)
            {
                errors.Add(position, "Must be an object.");
                continue;
            }

            var id = BlockId(element, position, errors);
            if (id is not null && !firstIndexOf.TryAdd(id, index))
            {
                errors.Add($"{position}.id", $"Repeats the id of blocks[{firstIndexOf[id]}]: '{id}'.");
                id = null;
            }

            entries.Add(id is null
                ? new BlockEntry(element, position, position, Unique: false)
                : new BlockEntry(element, id, $"blocks[{id}]", Unique: true));
        }

        return entries;
    }

    private static string? BlockId(JsonElement block, string position, FlowErrors errors)
    {
        if (!block.TryGetProperty("id", out var id) || id.ValueKind is JsonValueKind.Null)
        {
            errors.Add($"{position}.id", "Is required.");
            return null;
        }

        if (id.ValueKind is not JsonValueKind.String || !EntityId.IsValid(id.GetString()))
        {
            errors.Add($"{position}.id", $"Must be a string matching {EntityId.Pattern}.");
            return null;
        }

        return id.GetString();
    }

    private readonly record struct BlockEntry(JsonElement Element, string Id, string Path, bool Unique);
}
