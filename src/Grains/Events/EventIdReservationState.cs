namespace Truora.Grains.Events;

/// <summary>
/// The highest event id an agent's inbox may hand out before it writes a new reservation. Stored apart from the
/// replay buffer: it is written once per activation and once per block of ids, and stays a few bytes.
/// </summary>
[GenerateSerializer, Alias("Truora.EventIdReservationState")]
public sealed class EventIdReservationState
{
    [Id(0)] public long ReservedThrough { get; set; }
}
