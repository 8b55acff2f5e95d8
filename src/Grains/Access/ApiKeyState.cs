using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Access;

[GenerateSerializer, Alias("Truora.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public Caller? Caller { get; set; }
}
