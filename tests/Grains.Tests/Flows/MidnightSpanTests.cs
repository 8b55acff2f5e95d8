using System.Globalization;
using Truora.Grains.Flows;

namespace Truora.Grains.Tests.Flows;

public sealed class MidnightSpanTests
{
    private static readonly ConditionBlock FridayNight = new(
        "night",
        [new ConditionRule([DayOfWeek.Friday], new TimeOnly(22, 0), new TimeOnly(2, 0), "late")],
        "closed");

    [Theory]
    [InlineData("2026-03-06T22:00:00Z")]
    [InlineData("2026-03-06T23:59:59Z")]
    [InlineData("2026-03-07T00:00:00Z")]
    [InlineData("2026-03-07T01:00:00Z")]
    [InlineData("2026-03-07T01:59:59Z")]
    public void AFridayRuleRunsFromFridayEveningIntoSaturdayMorning(string utc)
    {
        Assert.Equal("late", ConditionClock.Evaluate(FridayNight, Instant(utc), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2026-03-06T01:00:00Z")]
    [InlineData("2026-03-06T21:59:59Z")]
    [InlineData("2026-03-07T02:00:00Z")]
    [InlineData("2026-03-07T03:00:00Z")]
    [InlineData("2026-03-07T23:00:00Z")]
    [InlineData("2026-03-08T01:00:00Z")]
    [InlineData("2026-03-05T23:00:00Z")]
    public void AFridayRuleDoesNotCoverTheEarlyHoursOfFridayNorAnyOtherNight(string utc)
    {
        Assert.Equal("closed", ConditionClock.Evaluate(FridayNight, Instant(utc), TimeZoneInfo.Utc));
    }

    [Fact]
    public void ASundayRuleRunsIntoMonday()
    {
        var rule = new ConditionRule([DayOfWeek.Sunday], new TimeOnly(22, 0), new TimeOnly(2, 0), "late");

        Assert.True(rule.Matches(DayOfWeek.Monday, new TimeOnly(1, 0)));
        Assert.False(rule.Matches(DayOfWeek.Sunday, new TimeOnly(1, 0)));
    }

    [Fact]
    public void ASaturdayRuleRunsIntoSunday()
    {
        var rule = new ConditionRule([DayOfWeek.Saturday], new TimeOnly(23, 0), new TimeOnly(1, 0), "late");

        Assert.True(rule.Matches(DayOfWeek.Sunday, new TimeOnly(0, 30)));
        Assert.False(rule.Matches(DayOfWeek.Saturday, new TimeOnly(0, 30)));
    }

    [Fact]
    public void ARuleEndingAtMidnightStopsAtMidnight()
    {
        var rule = new ConditionRule([DayOfWeek.Friday], new TimeOnly(20, 0), new TimeOnly(0, 0), "late");

        Assert.True(rule.Matches(DayOfWeek.Friday, new TimeOnly(23, 59)));
        Assert.False(rule.Matches(DayOfWeek.Saturday, new TimeOnly(0, 0)));
    }

    private static DateTimeOffset Instant(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);
}
