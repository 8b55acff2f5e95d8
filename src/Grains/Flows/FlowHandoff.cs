using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Flows;

/// <summary>A block's request to hand the user to a human.</summary>
public sealed record FlowHandoff(RotationMode Mode, string? GroupId, string? AgentId);
