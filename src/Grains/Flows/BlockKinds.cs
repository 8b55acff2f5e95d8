using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Truora.Grains.Flows;

/// <summary>Every block type a flow may use, by its JSON <c>type</c> name.</summary>
public static class BlockKinds
{
    private static readonly BlockKind[] All =
    [
        BlockKind.Of<MessageBlock>(),
        BlockKind.Of<QuestionBlock>(),
        BlockKind.Of<ConditionBlock>(),
        BlockKind.Of<ConnectAgentBlock>(),
    ];

    // Declared after All: static initializers run in text order.
    private static readonly FrozenDictionary<string, BlockKind> ByType =
        All.ToFrozenDictionary(kind => kind.Type, StringComparer.Ordinal);

    /// <summary>The type names in registration order, for error messages and the OpenAPI document.</summary>
    public static IReadOnlyList<string> Types { get; } = [.. All.Select(kind => kind.Type)];

    public static bool TryGet(string type, [NotNullWhen(true)] out BlockKind? kind) => ByType.TryGetValue(type, out kind);
}
