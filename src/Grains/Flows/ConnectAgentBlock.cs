using System.Text.Json.Nodes;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Flows;

/// <summary>
/// Hands the user off to a human. <see cref="GroupId"/> is the group the conversation waits in (always set except
/// for <see cref="RotationMode.Specific"/>, where it is optional); <see cref="AgentId"/> is set only for
/// <see cref="RotationMode.Specific"/>. <see cref="Next"/> is where the flow resumes when an agent closes the
/// conversation (null ends the flow).
/// </summary>
public sealed record ConnectAgentBlock(string Id, RotationMode Mode, string? GroupId, string? AgentId, string? Next)
    : FlowBlock(Id), IBlockType<ConnectAgentBlock>
{
    /// <summary>The only CRM the contract knows; anything else is refused so a typo cannot route chats nowhere.</summary>
    public const string Crm = "truora_conversations";

    public static string TypeName => "connect_agent";

    public override string Type => TypeName;

    public static ConnectAgentBlock? Parse(BlockReader block)
    {
        var crm = block.StringValue("crm");
        if (crm is not null and not Crm)
        {
            block.Error("crm", $"Must be '{Crm}'.");
        }

        var assign = block.Object("assign");
        var next = block.Next("next");
        if (assign is null)
        {
            return null;
        }

        var mode = ParseMode(assign);
        var specific = mode is RotationMode.Specific;
        var groupId = assign.Group("groupId", required: mode is not null && !specific);
        var agentId = specific ? assign.Agent("agentId", required: true) : null;
        if (mode is not null && !specific && assign.TryGet("agentId", out _))
        {
            assign.Error("agentId", "Is only allowed with mode 'specific'.");
            return null;
        }

        if (crm is not Crm || mode is null || (specific ? agentId is null : groupId is null))
        {
            return null;
        }

        return new ConnectAgentBlock(block.Id, mode.Value, groupId, agentId, next);
    }

    public override FlowStep Run(FlowContext context) => new(Next, HandOff: new FlowHandoff(Mode, GroupId, AgentId));

    protected override void WriteFields(JsonObject json)
    {
        var assign = new JsonObject { ["mode"] = ModeName(Mode) };
        if (GroupId is not null)
        {
            assign["groupId"] = GroupId;
        }

        if (AgentId is not null)
        {
            assign["agentId"] = AgentId;
        }

        json["crm"] = Crm;
        json["assign"] = assign;
        json["next"] = Next;
    }

    private static RotationMode? ParseMode(BlockReader assign) =>
        assign.StringValue("mode") switch
        {
            null => null,
            "available" => RotationMode.Available,
            "all" => RotationMode.All,
            "specific" => RotationMode.Specific,
            "none" => RotationMode.None,
            _ => Invalid(assign),
        };

    private static RotationMode? Invalid(BlockReader assign)
    {
        assign.Error("mode", "Must be one of available, all, specific, none.");
        return null;
    }

    private static string ModeName(RotationMode mode) => mode switch
    {
        RotationMode.Available => "available",
        RotationMode.All => "all",
        RotationMode.Specific => "specific",
        RotationMode.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a rotation mode."),
    };
}
