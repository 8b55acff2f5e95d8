using Truora.Grains.Interfaces.Templates;

namespace Truora.Grains.Templates;

[GenerateSerializer, Alias("Truora.TemplateState")]
public sealed class TemplateState
{
    [Id(0)] public TemplateDetails? Template { get; set; }
}
