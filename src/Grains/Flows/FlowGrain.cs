using System.Text;
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

    /// <summary>The current version, once read: every new session starts it.</summary>
    private FlowVersion? current;

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private string Id => EntityId.LocalIdOf(this.GetPrimaryKeyString());

    public async Task<FlowSaved> SaveAsync(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > FlowParser.MaxJsonBytes)
        {
            return Refused("body", $"A flow may be at most {FlowParser.MaxJsonBytes / 1024} KiB of JSON.");
        }

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
        var version = new FlowVersion(Id, flow.LatestVersion + 1, parsed.Definition.ToJson().ToJsonString());
        // The version is stored before the flow names it: a crash in between leaves an unnamed version, never a name
        // without its JSON.
        await Version(version.Version).StoreAsync(version.Json);
        flow.LatestVersion = version.Version;
        flow.CurrentVersion = version.Version;
        await state.WriteStateAsync();
        current = version;
        if (version.Version > VersionsKept)
        {
            await Version(version.Version - VersionsKept).ForgetAsync();
        }

        if (created)
        {
            await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Flows, Id, present: true);
        }

        return new FlowSaved(version, created, new Dictionary<string, string[]>());
    }

    public Task<FlowVersion?> GetAsync() => GetVersionAsync(state.State.CurrentVersion);

    public async Task<FlowVersion?> GetVersionAsync(int version)
    {
        if (version <= 0 || version > state.State.LatestVersion || version <= state.State.LatestVersion - VersionsKept)
        {
            return null;
        }

        if (current?.Version == version)
        {
            return current;
        }

        var found = await Version(version).GetAsync() is { } json ? new FlowVersion(Id, version, json) : null;
        if (version == state.State.CurrentVersion)
        {
            current = found;
        }

        return found;
    }

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

    private IFlowVersionGrain Version(int version) => GrainFactory.Reference<IFlowVersionGrain>($"{this.GetPrimaryKeyString()}/{version}");

    private static FlowSaved Refused(string field, string message) =>
        new(null, Created: false, new Dictionary<string, string[]> { [field] = [message] });

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
