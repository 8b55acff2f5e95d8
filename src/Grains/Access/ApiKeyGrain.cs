using Truora.Grains.Interfaces.Access;
using Truora.Grains.Storage;

namespace Truora.Grains.Access;

public sealed class ApiKeyGrain(
    [PersistentState("apikey", GrainStorage.Name)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public Task<Caller?> ResolveAsync() => Task.FromResult(state.State.Caller);

    public async Task GrantAsync(Caller caller)
    {
        if (state.State.Caller == caller)
        {
            return;
        }

        state.State.Caller = caller;
        await state.WriteStateAsync();
    }

    public async Task RevokeAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State.Caller = null;
    }
}
