namespace Truora.Grains.Interfaces.Templates;

/// <summary>One of a tenant's outbound templates, keyed <c>tenant/name</c>.</summary>
[Alias("Truora.ITemplateGrain")]
public interface ITemplateGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the template; true when it is new.</summary>
    [Alias("Put")] Task<bool> PutAsync(TemplateDetails template);

    [ReadOnly, Alias("Get")] Task<TemplateDetails?> GetAsync();

    /// <summary>Fills the placeholders; refused for an unknown or unapproved template, another language, or a wrong parameter count.</summary>
    [ReadOnly, Alias("Render")] Task<TemplateRendering> RenderAsync(string language, IReadOnlyList<string> parameters);
}
