using System.Globalization;
using Truora.Grains.Flows;

namespace Truora.Grains.Tests.Flows;

/// <summary>
/// Rules follow the wall clock on the days clocks change. Madrid: 2026-03-29 02:00 CET jumps to 03:00 CEST and
/// 2026-10-25 03:00 CEST falls back to 02:00 CET. Santiago: 2026-04-05 00:00 -03 falls back to Saturday 23:00 -04
/// and 2026-09-06 00:00 -04 jumps to 01:00 -03.
/// </summary>
public sealed class DaylightSavingTests
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    private static readonly ConditionBlock SundayHours = Block(new ConditionRule([DayOfWeek.Sunday], new TimeOnly(9, 0), new TimeOnly(18, 0), "open"));

    [Theory]
    [InlineData("Europe/Madrid", 2026, 3, 29, "2026-03-29T08:00:00Z")]
    [InlineData("Europe/Madrid", 2026, 10, 25, "2026-10-25T09:00:00Z")]
    [InlineData("America/Santiago", 2026, 4, 5, "2026-04-05T14:00:00Z")]
    [InlineData("America/Santiago", 2026, 9, 6, "2026-09-06T13:00:00Z")]
    public void TenInTheMorningOfTheChangeDayIsWithinNineToSix(string zoneId, int year, int month, int day, string expectedUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, 10, 0, 0, DateTimeKind.Unspecified), zone));

        Assert.Equal(Instant(expectedUtc), utc);
        Assert.Equal("open", ConditionClock.Evaluate(SundayHours, utc, zone));
    }

    [Theory]
    [InlineData("2026-03-29T07:00:00Z", "open")]
    [InlineData("2026-03-29T06:59:00Z", "closed")]
    [InlineData("2026-03-29T15:59:00Z", "open")]
    [InlineData("2026-03-29T16:00:00Z", "closed")]
    [InlineData("2026-10-25T08:00:00Z", "open")]
    [InlineData("2026-10-25T07:59:00Z", "closed")]
    [InlineData("2026-10-25T16:59:00Z", "open")]
    [InlineData("2026-10-25T17:00:00Z", "closed")]
    public void MadridOpensAndClosesOnTheNewOffset(string utc, string expected)
    {
        Assert.Equal(expected, ConditionClock.Evaluate(SundayHours, Instant(utc), Madrid));
    }

    [Theory]
    [InlineData("2026-04-05T13:00:00Z", "open")]
    [InlineData("2026-04-05T12:59:00Z", "closed")]
    [InlineData("2026-04-05T21:59:00Z", "open")]
    [InlineData("2026-04-05T22:00:00Z", "closed")]
    [InlineData("2026-09-06T12:00:00Z", "open")]
    [InlineData("2026-09-06T11:59:00Z", "closed")]
    [InlineData("2026-09-06T20:59:00Z", "open")]
    [InlineData("2026-09-06T21:00:00Z", "closed")]
    public void SantiagoOpensAndClosesOnTheNewOffset(string utc, string expected)
    {
        Assert.Equal(expected, ConditionClock.Evaluate(SundayHours, Instant(utc), Santiago));
    }

    [Fact]
    public void ARuleInsideTheSkippedHourNeverMatches()
    {
        var skipped = Block(new ConditionRule([DayOfWeek.Sunday], new TimeOnly(2, 0), new TimeOnly(3, 0), "open"));

        for (var at = Instant("2026-03-28T22:00:00Z"); at < Instant("2026-03-29T04:00:00Z"); at = at.AddMinutes(1))
        {
            Assert.Equal("closed", ConditionClock.Evaluate(skipped, at, Madrid));
        }
    }

    [Fact]
    public void ARuleStartingInTheSkippedHourOpensRightAfterTheJump()
    {
        var rule = Block(new ConditionRule([DayOfWeek.Sunday], new TimeOnly(2, 30), new TimeOnly(4, 0), "open"));

        Assert.Equal("closed", ConditionClock.Evaluate(rule, Instant("2026-03-29T00:59:59Z"), Madrid));
        Assert.Equal("open", ConditionClock.Evaluate(rule, Instant("2026-03-29T01:00:00Z"), Madrid));
    }

    [Fact]
    public void ARuleCoveringTheRepeatedHourMatchesBothTimes()
    {
        var repeated = Block(new ConditionRule([DayOfWeek.Sunday], new TimeOnly(2, 0), new TimeOnly(3, 0), "open"));

        Assert.Equal("open", ConditionClock.Evaluate(repeated, Instant("2026-10-25T00:30:00Z"), Madrid));
        Assert.Equal("open", ConditionClock.Evaluate(repeated, Instant("2026-10-25T01:30:00Z"), Madrid));
        Assert.Equal("closed", ConditionClock.Evaluate(repeated, Instant("2026-10-25T02:00:00Z"), Madrid));
    }

    [Fact]
    public void SantiagosRepeatedSaturdayHourBelongsToSaturdayBothTimes()
    {
        var lateSaturday = Block(new ConditionRule([DayOfWeek.Saturday], new TimeOnly(23, 0), new TimeOnly(0, 0), "open"));

        Assert.Equal("open", ConditionClock.Evaluate(lateSaturday, Instant("2026-04-05T02:30:00Z"), Santiago));
        Assert.Equal("open", ConditionClock.Evaluate(lateSaturday, Instant("2026-04-05T03:30:00Z"), Santiago));
        Assert.Equal("closed", ConditionClock.Evaluate(lateSaturday, Instant("2026-04-05T04:00:00Z"), Santiago));
    }

    [Fact]
    public void ASaturdayNightRuleSpansSantiagosSkippedMidnight()
    {
        var saturdayNight = Block(new ConditionRule([DayOfWeek.Saturday], new TimeOnly(22, 0), new TimeOnly(2, 0), "open"));

        Assert.Equal("open", ConditionClock.Evaluate(saturdayNight, Instant("2026-09-06T03:59:00Z"), Santiago));
        Assert.Equal("open", ConditionClock.Evaluate(saturdayNight, Instant("2026-09-06T04:00:00Z"), Santiago));
        Assert.Equal("open", ConditionClock.Evaluate(saturdayNight, Instant("2026-09-06T04:59:00Z"), Santiago));
        Assert.Equal("closed", ConditionClock.Evaluate(saturdayNight, Instant("2026-09-06T05:00:00Z"), Santiago));
    }

    private static ConditionBlock Block(ConditionRule rule) => new("hours", [rule], "closed");

    private static DateTimeOffset Instant(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);
}
