using System.Text.Json.Nodes;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Flows;

/// <summary>
/// Asks <see cref="Text"/>, waits for the user's reply, stores it in the flow variable <see cref="Variable"/> and
/// moves on to <see cref="Next"/> (null ends the flow).
/// </summary>
public sealed record QuestionBlock(string Id, string Text, string Variable, string? Next) : FlowBlock(Id), IBlockType<QuestionBlock>
{
    public const int MaxVariableLength = 64;

    public static string TypeName => "question";

    public override string Type => TypeName;

    public static QuestionBlock? Parse(BlockReader block)
    {
        var text = block.Text("text", WhatsAppText.MaxLength);
        var variable = ReadVariable(block);
        var next = block.Next("next");
        return text is null || variable is null ? null : new QuestionBlock(block.Id, text, variable, next);
    }

    public override FlowStep Run(FlowContext context) => new(Next, Say: Text, AwaitAnswerInto: Variable);

    protected override void WriteFields(JsonObject json)
    {
        json["text"] = Text;
        json["variable"] = Variable;
        json["next"] = Next;
    }

    // Variables end up as keys of the conversation's variables object, so they stay plain identifiers.
    private static string? ReadVariable(BlockReader block)
    {
        var variable = block.StringValue("variable");
        if (variable is null)
        {
            return null;
        }

        if (variable.Length is 0 or > MaxVariableLength || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            block.Error("variable", $"Must be 1 to {MaxVariableLength} letters, digits or underscores.");
            return null;
        }

        return variable;
    }
}
