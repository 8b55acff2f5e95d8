using System.Text.Json;
using Truora.Grains.Access;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Storage;

namespace Truora.Grains.Flows;

public sealed class FlowGrain(
    [PersistentState("flow", GrainStorage.Name)] IPersistentState<FlowState> state) : Grain, IFlowGrain, ITenantOwnedGrain
{
    /// <summary>Sessions last at most 24 hours, so a handful of past versions covers every running one.</summary>
    private const int VersionsKept = 20;

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private string Id => EntityId.LocalIdOf(this.GetPrimaryKeyString());

    public async Task<FlowSaved> SaveAsync(string json)
    {
        using var document = JsonDocument.Parse(json);
        var named = FlowParser.NamedIn(document.RootElement);
        var references = await ResolveAsync(named);
        var parsed = FlowParser.Parse(document.RootElement, references);
        if (!parsed.IsValid)
        {
            return new FlowSaved(null, Created: false, parsed.Errors);
        }

        var flow = state.State;
        var created = flow.CurrentVersion == 0;
        var version = flow.LatestVersion + 1;
        var normalized = parsed.Definition.ToJson().ToJsonString();
        flow.LatestVersion = version;
        flow.CurrentVersion = version;
        flow.Versions[version] = normalized;
        foreach (var old in flow.Versions.Keys.Where(v => v <= version - VersionsKept).ToArray())
        {
            flow.Versions.Remove(old);
        }

        await state.WriteStateAsync();
        if (created)
        {
            await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Flows, Id, present: true);
        }

        return new FlowSaved(new FlowVersion(Id, version, normalized), created, new Dictionary<string, string[]>());
    }

    public Task<FlowVersion?> GetAsync() => GetVersionAsync(state.State.CurrentVersion);

    public Task<FlowVersion?> GetVersionAsync(int version) => Task.FromResult(
        version > 0 && state.State.Versions.TryGetValue(version, out var json) ? new FlowVersion(Id, version, json) : null);

    public async Task<bool> DeleteAsync()
    {
        if (state.State.CurrentVersion == 0)
        {
            return false;
        }

        // The versions stay: users in the middle of this flow finish the version they started.
        state.State.CurrentVersion = 0;
        await state.WriteStateAsync();
        await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Flows, Id, present: false);
        return true;
    }

    /// <summary>Which of the groups and agents the flow names exist in the tenant.</summary>
    private async Task<FlowReferences> ResolveAsync(FlowReferences named)
    {
        var groups = await Task.WhenAll(named.GroupIds.Select(async id =>
            (id, exists: EntityId.IsValid(id) && await GrainFactory.Reference<IGroupGrain>(EntityId.Key(Tenant, id)).GetAsync() is not null)));
        var agents = await Task.WhenAll(named.AgentIds.Select(async id =>
            (id, exists: EntityId.IsValid(id) && await GrainFactory.Reference<IMemberGrain>(EntityId.Key(Tenant, id)).GetAsync() is not null)));
        return new FlowReferences(
            groups.Where(g => g.exists).Select(g => g.id).ToHashSet(StringComparer.Ordinal),
            agents.Where(a => a.exists).Select(a => a.id).ToHashSet(StringComparer.Ordinal));
    }
}
