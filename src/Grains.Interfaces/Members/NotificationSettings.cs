namespace Truora.Grains.Interfaces.Members;

[GenerateSerializer, Immutable, Alias("Truora.NotificationSettings")]
public sealed record NotificationSettings(
    [property: Id(0)] bool Notifications,
    [property: Id(1)] bool Sound);
