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

        var adminKey = ApiKeys.New(ApiKeys.TenantAdminPrefix);
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
