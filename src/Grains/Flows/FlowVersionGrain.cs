using Truora.Grains.Access;
using Truora.Grains.Storage;

namespace Truora.Grains.Flows;

public sealed class FlowVersionGrain(
    [PersistentState("flow-version", GrainStorage.Name)] IPersistentState<FlowVersionState> state) : Grain, IFlowVersionGrain, ITenantOwnedGrain
{
    public async Task StoreAsync(string json)
    {
        state.State.Json = json;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.RecordExists ? state.State.Json : null);

    public async Task ForgetAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        // Forgotten for good: a later call finds nothing and need not keep this activation.
        this.DeactivateOnIdle();
    }
}
