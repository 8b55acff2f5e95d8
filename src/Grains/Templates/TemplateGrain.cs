using Truora.Grains.Access;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Templates;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Storage;

namespace Truora.Grains.Templates;

public sealed class TemplateGrain(
    [PersistentState("template", GrainStorage.Name)] IPersistentState<TemplateState> state) : Grain, ITemplateGrain, ITenantOwnedGrain
{
    public async Task<bool> PutAsync(TemplateDetails template)
    {
        var created = state.State.Template is null;
        state.State.Template = template;
        await state.WriteStateAsync();
        if (created)
        {
            var key = this.GetPrimaryKeyString();
            await GrainFactory.Reference<ITenantGrain>(EntityId.TenantOf(key)!).IndexAsync(TenantIndex.Templates, EntityId.LocalIdOf(key), present: true);
        }

        return created;
    }

    public Task<TemplateDetails?> GetAsync() => Task.FromResult(state.State.Template);

    public Task<TemplateRendering> RenderAsync(string language, IReadOnlyList<string> parameters) =>
        Task.FromResult(TemplateBody.Render(state.State.Template, language, parameters));
}
