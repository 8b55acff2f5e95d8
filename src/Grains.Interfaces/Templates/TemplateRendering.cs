namespace Truora.Grains.Interfaces.Templates;

/// <summary>The template's body with its placeholders filled, or which field made that impossible and why.</summary>
[GenerateSerializer, Immutable, Alias("Truora.TemplateRendering")]
public sealed record TemplateRendering(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Field = null,
    [property: Id(2)] string? Error = null);
