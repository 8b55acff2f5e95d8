namespace Truora.Grains;

/// <summary>
/// The key of the clock the domain rules read (24-hour window, cooldown ladder, expiry, time conditions).
/// It is kept apart from the unkeyed TimeProvider because Orleans' own loops fall back to that one, and a
/// test's fake clock must move the rules without stalling membership or reminders.
/// </summary>
public static class DomainClock
{
    public const string Key = "truora-domain";

    /// <summary>
    /// The time to the microsecond, which is what the databases keep: a time a grain returned must be the one a
    /// list read back from a row shows.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMicrosecond));
}
