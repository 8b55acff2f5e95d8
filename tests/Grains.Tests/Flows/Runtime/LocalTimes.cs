namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>Wall-clock moments in a zone, turned into the UTC instants the fake clock is moved to.</summary>
internal static class LocalTimes
{
    /// <summary>The first instant after <paramref name="after"/> whose local time in <paramref name="zone"/> is <paramref name="time"/> on <paramref name="day"/> (any day when null).</summary>
    public static DateTimeOffset Next(DateTimeOffset after, TimeZoneInfo zone, DayOfWeek? day, TimeOnly time)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var i = 0; i <= 7; i++)
        {
            var date = today.AddDays(i);
            if ((day is null || date.DayOfWeek == day) && At(date, time, zone) is var instant && instant > after)
            {
                return instant;
            }
        }

        throw new InvalidOperationException("A week always holds the next such moment.");
    }

    /// <summary>The UTC instant of a local date and time in <paramref name="zone"/> (not one skipped by a clock change).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), zone));

    /// <summary>
    /// The next last Sunday of <paramref name="month"/> (the day the European Union changes clocks, in March and
    /// October) on which <paramref name="earliest"/> local time is still after <paramref name="after"/>.
    /// </summary>
    public static DateOnly NextLastSunday(DateTimeOffset after, TimeZoneInfo zone, int month, TimeOnly earliest)
    {
        for (var year = after.UtcDateTime.Year; ; year++)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            var sunday = last.AddDays(-(int)last.DayOfWeek);
            if (At(sunday, earliest, zone) > after)
            {
                return sunday;
            }
        }
    }
}
