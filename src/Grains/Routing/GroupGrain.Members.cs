using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Routing;

/// <summary>
/// The group as admins keep it: its name and its members in rotation order, each member told which groups it is in.
/// </summary>
public sealed partial class GroupGrain
{
    public async Task<GroupChange> CreateAsync(string name, IReadOnlyList<string> memberIds)
    {
        if (state.RecordExists)
        {
            return new GroupChange(null, Exists: true, []);
        }

        var unknown = await SetMembersAsync(memberIds);
        if (unknown.Count > 0)
        {
            return new GroupChange(null, Exists: false, unknown);
        }

        state.State.Name = name;
        await writer.WriteAsync();
        await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Groups, Id.Value, present: true);
        return new GroupChange(Details(), Exists: true, []);
    }

    public Task<GroupDetails?> GetAsync() => Task.FromResult(state.RecordExists ? Details() : null);

    public async Task<GroupChange> UpdateAsync(string name, IReadOnlyList<string> memberIds)
    {
        if (!state.RecordExists)
        {
            return new GroupChange(null, Exists: false, []);
        }

        var unknown = await SetMembersAsync(memberIds);
        if (unknown.Count > 0)
        {
            return new GroupChange(null, Exists: true, unknown);
        }

        state.State.Name = name;
        await writer.WriteAsync();
        await DrainAsync();
        return new GroupChange(Details(), Exists: true, []);
    }

    public async Task<bool> DeleteAsync()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        foreach (var member in state.State.MemberIds)
        {
            await Agent(AgentId.Parse(member)).SetGroupAsync(Id, member: false);
        }

        // Conversations still waiting keep their status and stay in the tenant's unassigned list for admins;
        // with the group gone nothing rotates them any more, as with mode none.
        metrics.QueueChanged(Tenant.Value, -state.State.Waiting.Count);
        await state.ClearStateAsync();
        state.State = new GroupState();
        await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Groups, Id.Value, present: false);
        drainTimer?.Dispose();
        drainTimer = null;
        return true;
    }

    public async Task RemoveMemberAsync(AgentId agentId)
    {
        if (GroupRotation.RemoveMember(state.State, agentId.Value))
        {
            await writer.WriteAsync();
        }
    }

    /// <summary>Sets the members (in the given order), telling each agent; returns the ids that are no members.</summary>
    private async Task<List<string>> SetMembersAsync(IReadOnlyList<string> memberIds)
    {
        var wanted = memberIds.Distinct(StringComparer.Ordinal).ToList();
        var unknown = new List<string>();
        foreach (var member in wanted.Except(state.State.MemberIds, StringComparer.Ordinal))
        {
            if (!AgentId.TryParse(member, out var agent) || !await Agent(agent).SetGroupAsync(Id, member: true))
            {
                unknown.Add(member);
            }
        }

        if (unknown.Count > 0)
        {
            foreach (var member in wanted.Except(state.State.MemberIds, StringComparer.Ordinal).Except(unknown, StringComparer.Ordinal))
            {
                await Agent(AgentId.Parse(member)).SetGroupAsync(Id, member: false);
            }

            return unknown;
        }

        foreach (var member in state.State.MemberIds.Except(wanted, StringComparer.Ordinal))
        {
            await Agent(AgentId.Parse(member)).SetGroupAsync(Id, member: false);
        }

        GroupRotation.SetMembers(state.State, wanted);
        return unknown;
    }

    private GroupDetails Details() => new(Id.Value, state.State.Name, [.. state.State.MemberIds]);
}
