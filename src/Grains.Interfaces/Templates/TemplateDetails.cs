namespace Truora.Grains.Interfaces.Templates;

/// <summary>An outbound message template approved by Meta; the body holds <c>{{1}}</c>, <c>{{2}}</c>… placeholders.</summary>
[GenerateSerializer, Immutable, Alias("Truora.TemplateDetails")]
public sealed record TemplateDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string Language,
    [property: Id(2)] string Body,
    [property: Id(3)] bool Approved);
