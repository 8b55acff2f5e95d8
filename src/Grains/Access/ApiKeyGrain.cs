using Truora.Grains.Interfaces.Access;
using Truora.Grains.Storage;

namespace Truora.Grains.Access;

public sealed class ApiKeyGrain(
    [PersistentState("apikey", GrainStorage.Name)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public Task<Caller?> ResolveAsync()
    {
        if (state.State.Caller is null)
        {
            // Anyone can make up a well-shaped key: its look-up must not leave an activation behind for 15 minutes.
            this.DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Caller);
    }

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
