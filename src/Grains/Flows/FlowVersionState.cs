namespace Truora.Grains.Flows;

[GenerateSerializer, Alias("Truora.FlowVersionState")]
public sealed class FlowVersionState
{
    [Id(0)] public string Json { get; set; } = "";
}
