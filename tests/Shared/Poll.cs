using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Truora.Tests;

/// <summary>
/// The one way tests wait for what happens asynchronously: read every <see cref="Interval"/> until the reading is what
/// the test waits for, and return that reading; past the timeout (<see cref="Patience"/> unless given), fail with a
/// message naming what was awaited and showing the last reading. It never returns a reading that is not done, so a
/// caller asserts on what it got, not on whether it got it.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <param name="read">One reading; exceptions it throws fail the test at once.</param>
    /// <param name="done">Whether a reading is the one awaited.</param>
    /// <param name="what">What is awaited, as the end of "Waited 10 s for …".</param>
    /// <param name="timeout">How long to keep reading; the last reading is taken after it has passed.</param>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Patience;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                Assert.Fail($"Waited {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {what}; last seen: {Describe(value)}");
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A reading as a failure message shows it: JSON as its text, a collection as its items.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        JsonElement json => json.GetRawText(),
        string text => text,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
