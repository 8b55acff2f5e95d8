using System.Diagnostics.CodeAnalysis;

namespace Truora.Grains.Flows;

/// <summary>Either a <see cref="Definition"/> or the <see cref="Errors"/> that kept the flow from being one.</summary>
public sealed class FlowParseResult
{
    internal FlowParseResult(FlowDefinition? definition, IReadOnlyDictionary<string, string[]> errors, FlowReferences named)
    {
        Definition = definition;
        Errors = errors;
        Named = named;
    }

    public FlowDefinition? Definition { get; }

    /// <summary>Messages per field, each field naming its block (<c>blocks[ask_doc].next</c>); empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Every group and agent id the flow names, whether or not it exists.</summary>
    public FlowReferences Named { get; }

    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;
}
