namespace Truora.Grains.Flows;

/// <summary>
/// Opening hours on some days: <see cref="From"/> inclusive, <see cref="To"/> exclusive, local wall-clock time.
/// When <see cref="From"/> is after <see cref="To"/> the rule spans midnight and belongs to the day it starts on:
/// a Friday 22:00–02:00 rule covers Friday 22:00 to Saturday 02:00.
/// </summary>
public sealed record ConditionRule(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To, string Next)
{
    public bool SpansMidnight => From > To;

    public bool Matches(DayOfWeek day, TimeOnly time) => SpansMidnight
        ? (Days.Contains(day) && time >= From) || (Days.Contains(DayBefore(day)) && time < To)
        : Days.Contains(day) && time >= From && time < To;

    private static DayOfWeek DayBefore(DayOfWeek day) => (DayOfWeek)(((int)day + 6) % 7);
}
