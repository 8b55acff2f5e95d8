using Truora.Grains.Access;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Storage;

namespace Truora.Grains.Members;

public sealed class MemberGrain(
    [PersistentState("member", GrainStorage.Name)] IPersistentState<MemberState> state,
    TimeProvider clock) : Grain, IMemberGrain, ITenantOwnedGrain
{
    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private string Id => EntityId.LocalIdOf(this.GetPrimaryKeyString());

    public async Task<string?> CreateAsync(NewMember member)
    {
        if (state.RecordExists)
        {
            return null;
        }

        var key = ApiKeys.New(ApiKeys.MemberPrefix);
        var keyHash = ApiKeyHash.Of(key);
        await GrainFactory.GetGrain<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Tenant, Id, member.Role));

        var now = clock.GetUtcNow();
        state.State = new MemberState
        {
            Name = member.Name,
            Email = member.Email,
            Role = member.Role,
            Status = AgentStatus.Unavailable,
            StatusChangedAt = now,
            KeyHash = keyHash,
            CreatedAt = now,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(Tenant.Value).AddMemberAsync(Id);
        return key;
    }

    public Task<MemberDetails?> GetAsync() => Task.FromResult(Details());

    public async Task<MemberDetails?> UpdateAsync(MemberPatch patch)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var member = state.State;
        member.Name = patch.Name ?? member.Name;
        member.Email = patch.Email ?? member.Email;
        if (patch.SetsMaxOpenConversations)
        {
            member.MaxOpenConversations = patch.MaxOpenConversations;
        }

        if (patch.Role is { } role && role != member.Role)
        {
            member.Role = role;
            await GrainFactory.GetGrain<IApiKeyGrain>(member.KeyHash).GrantAsync(new Caller(Tenant, Id, role));
        }

        await state.WriteStateAsync();
        return Details();
    }

    public async Task<bool> DeleteAsync()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(state.State.KeyHash).RevokeAsync();
        await HandOpenConversationsBackToRoutingAsync();
        await GrainFactory.GetGrain<ITenantGrain>(Tenant.Value).RemoveMemberAsync(Id);
        await state.ClearStateAsync();
        state.State = new MemberState();
        return true;
    }

    public async Task<string?> RotateKeyAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var key = ApiKeys.New(ApiKeys.MemberPrefix);
        var keyHash = ApiKeyHash.Of(key);
        var oldHash = state.State.KeyHash;
        await GrainFactory.GetGrain<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Tenant, Id, state.State.Role));
        state.State.KeyHash = keyHash;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiKeyGrain>(oldHash).RevokeAsync();
        return key;
    }

    public async Task<MemberDetails?> SetStatusAsync(AgentStatus status)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (state.State.Status != status)
        {
            state.State.Status = status;
            state.State.StatusChangedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }

        return Details();
    }

    public async Task<MemberDetails?> SetNotificationSettingsAsync(NotificationSettings settings)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        state.State.Notifications = settings.Notifications;
        state.State.Sound = settings.Sound;
        await state.WriteStateAsync();
        return Details();
    }

    /// <summary>
    /// The hook where a deleted member's open conversations go back to routing. Routing (issue 5) fills it;
    /// until conversations exist a member owns none, so there is nothing to hand back.
    /// </summary>
    private static Task HandOpenConversationsBackToRoutingAsync() => Task.CompletedTask;

    private MemberDetails? Details()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var member = state.State;
        return new MemberDetails(
            Id, member.Name, member.Email, member.Role, member.Status, member.StatusChangedAt,
            new NotificationSettings(member.Notifications, member.Sound), member.MaxOpenConversations, [.. member.GroupIds]);
    }
}
