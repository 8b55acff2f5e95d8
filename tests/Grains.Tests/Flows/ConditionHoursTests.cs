using System.Globalization;
using Truora.Grains.Flows;

namespace Truora.Grains.Tests.Flows;

public sealed class ConditionHoursTests
{
    // Bogotá has no daylight saving: local time is always UTC-5.
    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    private static readonly ConditionBlock OfficeHours = new(
        "hours",
        [new ConditionRule([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(18, 0), "human")],
        "closed");

    [Theory]
    [InlineData("2026-11-23T14:00:00Z", "human")]
    [InlineData("2026-11-23T20:30:00Z", "human")]
    [InlineData("2026-11-23T22:59:59Z", "human")]
    [InlineData("2026-11-23T13:59:59Z", "closed")]
    [InlineData("2026-11-23T23:00:00Z", "closed")]
    [InlineData("2026-11-24T03:00:00Z", "closed")]
    [InlineData("2026-11-28T15:00:00Z", "closed")]
    public void OpenFromInclusiveToExclusiveInTheTenantZone(string utc, string expected)
    {
        Assert.Equal(expected, ConditionClock.Evaluate(OfficeHours, Instant(utc), Bogota));
    }

    [Fact]
    public void TheLocalDayAndTimeDecideNotTheUtcOnes()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        // Monday 00:00 UTC is already 09:00 in Tokyo; Friday 17:00 UTC is Saturday 02:00 there.
        Assert.Equal("human", ConditionClock.Evaluate(OfficeHours, Instant("2026-11-23T00:00:00Z"), tokyo));
        Assert.Equal("closed", ConditionClock.Evaluate(OfficeHours, Instant("2026-11-27T17:00:00Z"), tokyo));
    }

    [Fact]
    public void TheFirstMatchingRuleWins()
    {
        var block = new ConditionBlock(
            "hours",
            [
                new ConditionRule([DayOfWeek.Monday], new TimeOnly(12, 0), new TimeOnly(13, 0), "lunch"),
                new ConditionRule([DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(18, 0), "human"),
            ],
            "closed");

        Assert.Equal("lunch", ConditionClock.Evaluate(block, Instant("2026-11-23T17:30:00Z"), Bogota));
        Assert.Equal("human", ConditionClock.Evaluate(block, Instant("2026-11-23T18:00:00Z"), Bogota));
    }

    [Fact]
    public void NoRulesMeansElse()
    {
        var block = new ConditionBlock("hours", [], "closed");

        Assert.Equal("closed", ConditionClock.Evaluate(block, Instant("2026-11-23T15:00:00Z"), Bogota));
    }

    [Fact]
    public void TheContractExampleSendsWeekdayBusinessHoursToAHuman()
    {
        var flow = FlowSamples.Valid(FlowSamples.ExampleJson());
        var hours = Assert.IsType<ConditionBlock>(flow.Blocks["hours"]);

        Assert.Equal("human", ConditionClock.Evaluate(hours, Instant("2026-11-23T15:00:00Z"), Bogota));
        Assert.Equal("closed", ConditionClock.Evaluate(hours, Instant("2026-11-22T15:00:00Z"), Bogota));
    }

    private static DateTimeOffset Instant(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);
}
