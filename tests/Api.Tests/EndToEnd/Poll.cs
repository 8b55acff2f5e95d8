using System.Diagnostics;
using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>Bounded polling for what the node does asynchronously: every 50 ms until done or out of patience.</summary>
internal static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds and returns that reading; fails naming <paramref name="what"/> otherwise.</summary>
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
                Assert.Fail($"Waited {limit.TotalSeconds} s for {what}; last seen: {Describe(value)}");
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    public static string Describe<T>(T value) => value switch
    {
        JsonElement json => json.GetRawText(),
        IEnumerable<JsonElement> items => "[" + string.Join(", ", items.Select(item => item.GetRawText())) + "]",
        IEnumerable<RecordedPost> posts => "[" + string.Join(", ", posts) + "]",
        null => "null",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
