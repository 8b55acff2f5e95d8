using System.Text.Json;

namespace Truora.Grains.Flows;

/// <summary>
/// Reads the fields of one block (or of an object inside it, or of the flow itself), reporting every problem under a
/// field name that names the block, such as <c>blocks[human].assign.groupId</c>. Readers never throw on malformed
/// JSON: a wrong kind of value is an error on its field and the read returns null.
/// </summary>
public sealed class BlockReader
{
    private readonly JsonElement element;
    private readonly FlowReadContext context;

    internal BlockReader(JsonElement element, string id, string path, FlowReadContext context)
    {
        this.element = element;
        this.context = context;
        Id = id;
        Path = path;
    }

    /// <summary>The id of the block being read (empty for the flow itself).</summary>
    public string Id { get; }

    /// <summary>The field name of this object, such as <c>blocks[hours].rules[0]</c> (empty for the flow itself).</summary>
    public string Path { get; }

    public string Field(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string name, string message) => context.Errors.Add(Field(name), message);

    /// <summary>The value of a field, or false when it is missing or JSON null.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind is not JsonValueKind.Null;

    public string? StringValue(string name, bool required = true)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(name, "Is required.");
            }

            return null;
        }

        if (value.ValueKind is not JsonValueKind.String)
        {
            Error(name, "Must be a string.");
            return null;
        }

        return value.GetString();
    }

    public string? Text(string name, int maxLength)
    {
        var text = StringValue(name);
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Error(name, "Must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Error(name, $"Must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>A block id that must name a block of the flow; a missing or null one means the end of the flow.</summary>
    public string? Next(string name) => BlockId(name, required: false);

    /// <summary>A block id that must be present and name a block of the flow.</summary>
    public string? Target(string name) => BlockId(name, required: true);

    public string? Group(string name, bool required)
    {
        var id = StringValue(name, required);
        if (id is null)
        {
            return null;
        }

        context.NamedGroups.Add(id);
        if (!context.References.GroupExists(id))
        {
            Error(name, $"Names no group of this tenant: '{id}'.");
            return null;
        }

        return id;
    }

    public string? Agent(string name, bool required)
    {
        var id = StringValue(name, required);
        if (id is null)
        {
            return null;
        }

        context.NamedAgents.Add(id);
        if (!context.References.AgentExists(id))
        {
            Error(name, $"Names no member of this tenant: '{id}'.");
            return null;
        }

        return id;
    }

    /// <summary>A nested object, read with the same error naming (<c>blocks[human].assign.mode</c>).</summary>
    public BlockReader? Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            Error(name, "Is required.");
            return null;
        }

        if (value.ValueKind is not JsonValueKind.Object)
        {
            Error(name, "Must be an object.");
            return null;
        }

        return new BlockReader(value, Id, Field(name), context);
    }

    /// <summary>An array of objects; each element that is not an object is an error on <c>name[i]</c>.</summary>
    public IReadOnlyList<BlockReader>? Objects(string name)
    {
        if (!TryGet(name, out var value))
        {
            Error(name, "Is required.");
            return null;
        }

        if (value.ValueKind is not JsonValueKind.Array)
        {
            Error(name, "Must be an array.");
            return null;
        }

        var readers = new List<BlockReader>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"{name}[{index++}]";
            if (item.ValueKind is JsonValueKind.Object)
            {
                readers.Add(new BlockReader(item, Id, Field(field), context));
            }
            else
            {
                Error(field, "Must be an object.");
            }
        }

        return readers;
    }

    /// <summary>An array of strings, or null (with an error) when it is missing or holds anything else.</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        if (!TryGet(name, out var value))
        {
            Error(name, "Is required.");
            return null;
        }

        if (value.ValueKind is not JsonValueKind.Array
            || value.EnumerateArray().Any(item => item.ValueKind is not JsonValueKind.String))
        {
            Error(name, "Must be an array of strings.");
            return null;
        }

        return [.. value.EnumerateArray().Select(item => item.GetString()!)];
    }

    private string? BlockId(string name, bool required)
    {
        var id = StringValue(name, required);
        if (id is not null && !context.BlockIds.Contains(id))
        {
            Error(name, $"Names no block of this flow: '{id}'.");
            return null;
        }

        return id;
    }
}
