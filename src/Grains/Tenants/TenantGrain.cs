using Truora.Grains.Access;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Storage;

namespace Truora.Grains.Tenants;

public sealed class TenantGrain(
    [PersistentState("tenant", GrainStorage.Name)] IPersistentState<TenantState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ITenantGrain, ITenantOwnedGrain
{
    private TenantId Id => new(this.GetPrimaryKeyString());

    public async Task<string?> CreateAsync(string name, string timeZone)
    {
        if (state.RecordExists)
        {
            return null;
        }

        var adminKey = ApiKeys.New(ApiKeyFormat.TenantAdminPrefix);
        var keyHash = ApiKeyHash.Of(adminKey);
        // The key is granted before the tenant is written: a crash in between leaves a key nobody was
        // shown, never a tenant whose only admin key does not work.
        await GrainFactory.Reference<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Id, MemberId: null, MemberRole.Admin));

        state.State.Name = name;
        state.State.TimeZone = timeZone;
        state.State.CreatedAt = clock.GetUtcNow();
        state.State.AdminKeyHash = keyHash;
        await state.WriteStateAsync();
        return adminKey;
    }

    /// <summary>
    /// The old key is revoked first: a crash after that leaves the tenant with no admin key until the operator
    /// rotates again, never with two, and never with one the operator meant to stop.
    /// </summary>
    public async Task<string?> RotateAdminKeyAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        await GrainFactory.Reference<IApiKeyGrain>(state.State.AdminKeyHash).RevokeAsync();
        var adminKey = ApiKeys.New(ApiKeyFormat.TenantAdminPrefix);
        var keyHash = ApiKeyHash.Of(adminKey);
        await GrainFactory.Reference<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Id, MemberId: null, MemberRole.Admin));
        state.State.AdminKeyHash = keyHash;
        await state.WriteStateAsync();
        return adminKey;
    }

    public Task<TenantDetails?> GetAsync() => Task.FromResult(
        state.RecordExists ? new TenantDetails(Id, state.State.Name, state.State.TimeZone, state.State.CreatedAt) : null);

    public async Task IndexAsync(TenantIndex index, string id, bool present)
    {
        if (!state.State.Indexes.TryGetValue(index, out var ids))
        {
            state.State.Indexes[index] = ids = new SortedSet<string>(StringComparer.Ordinal);
        }

        if (present ? ids.Add(id) : ids.Remove(id))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(TenantIndex index) =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Indexes.TryGetValue(index, out var ids) ? [.. ids] : []);
}
