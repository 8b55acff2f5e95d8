namespace Truora.Grains.Conversations;

[GenerateSerializer, Alias("Truora.FinishCooldownState")]
public sealed class FinishCooldownState
{
    /// <summary>Finishes since the ladder last reset.</summary>
    [Id(0)] public int Finishes { get; set; }

    [Id(1)] public DateTimeOffset? LastFinishAt { get; set; }
}
