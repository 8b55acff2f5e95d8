namespace Truora.Grains.Flows;

/// <summary>Decides where a <see cref="ConditionBlock"/> leads at a given moment.</summary>
public static class ConditionClock
{
    /// <summary>
    /// The first rule matching the local wall-clock time in <paramref name="zone"/>, else the block's
    /// <see cref="ConditionBlock.Else"/>. Rules are compared with wall-clock time after conversion, which is what
    /// opening hours mean across daylight-saving changes: in a skipped hour no instant has a local time inside it,
    /// so a rule lying wholly in it does not match that day and a rule starting in it opens at the first instant
    /// after the jump; in a repeated hour both passes match the same rules, so a rule covering it is open twice.
    /// </summary>
    public static string Evaluate(ConditionBlock block, DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(nowUtc, zone);
        var day = local.DayOfWeek;
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return block.Rules.FirstOrDefault(rule => rule.Matches(day, time))?.Next ?? block.Else;
    }
}
