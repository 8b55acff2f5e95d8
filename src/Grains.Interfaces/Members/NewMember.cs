namespace Truora.Grains.Interfaces.Members;

[GenerateSerializer, Immutable, Alias("Truora.NewMember")]
public sealed record NewMember(
    [property: Id(0)] string Name,
    [property: Id(1)] string Email,
    [property: Id(2)] MemberRole Role);
