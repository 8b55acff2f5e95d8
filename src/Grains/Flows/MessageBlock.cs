using System.Text.Json.Nodes;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Flows;

/// <summary>Sends <see cref="Text"/> to the user and moves on to <see cref="Next"/> (null ends the flow).</summary>
public sealed record MessageBlock(string Id, string Text, string? Next) : FlowBlock(Id), IBlockType<MessageBlock>
{
    public static string TypeName => "message";

    public override string Type => TypeName;

    public static MessageBlock? Parse(BlockReader block)
    {
        var text = block.Text("text", WhatsAppText.MaxLength);
        var next = block.Next("next");
        return text is null ? null : new MessageBlock(block.Id, text, next);
    }

    public override FlowStep Run(FlowContext context) => new(Next, Say: Text);

    protected override void WriteFields(JsonObject json)
    {
        json["text"] = Text;
        json["next"] = Next;
    }
}
