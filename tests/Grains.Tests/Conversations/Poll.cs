namespace Truora.Grains.Tests.Conversations;

internal static class Poll
{
    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="within"/> passes; returns the last read for the test to assert.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            value = await read();
        }

        return value;
    }
}
