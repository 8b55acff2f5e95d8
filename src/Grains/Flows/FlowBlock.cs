using System.Text.Json.Nodes;

namespace Truora.Grains.Flows;

/// <summary>
/// One step of a flow. A new kind of block is one sealed record deriving from this and implementing
/// <see cref="IBlockType{TSelf}"/>, plus one line in <see cref="BlockKinds"/>.
/// </summary>
public abstract record FlowBlock(string Id)
{
    /// <summary>The block's <c>type</c> in the contract's JSON.</summary>
    public abstract string Type { get; }

    /// <summary>The block in the shape the client sent it, so a GET returns what the PUT stored.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["type"] = Type };
        WriteFields(json);
        return json;
    }

    /// <summary>Decides this block's step; pure, so the contact grain carries out every effect.</summary>
    public abstract FlowStep Run(FlowContext context);

    /// <summary>Writes the fields after <c>id</c> and <c>type</c>.</summary>
    protected abstract void WriteFields(JsonObject json);
}
