using System.Collections.Concurrent;
using System.Text.Json;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Flows;

/// <summary>
/// Parsed flow versions, per silo. A version never changes once saved, so an entry never goes stale; parsing
/// once per version keeps JSON work off every user message.
/// </summary>
public sealed class FlowDefinitionCache
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(string Tenant, string Flow, int Version), FlowDefinition> definitions = new();

    public FlowDefinition Get(TenantId tenant, FlowVersion version)
    {
        var key = (tenant.Value, version.FlowId, version.Version);
        if (definitions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        using var document = JsonDocument.Parse(version.Json);
        var parsed = FlowParser.Parse(document.RootElement, FlowReferences.Trusted);
        var definition = parsed.Definition
            ?? throw new InvalidOperationException($"Stored flow {version.FlowId} v{version.Version} no longer parses: {string.Join("; ", parsed.Errors.Keys)}");
        if (definitions.Count >= MaxEntries)
        {
            definitions.Clear();
        }

        definitions[key] = definition;
        return definition;
    }
}
