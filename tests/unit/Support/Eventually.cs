namespace MarketEdge.Portal.Tests.Support;

/// <summary>The one way tests (unit and end-to-end) wait for something that happens in the background: poll until it holds, or give up.</summary>
public static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    /// <summary>The first value of <paramref name="read"/> that satisfies <paramref name="done"/>; the last one read when <paramref name="within"/> runs out.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(Every);
        }
    }

    /// <summary>Like <see cref="ValueAsync{T}"/>, but failing with <paramref name="what"/> when the time runs out.</summary>
    public static async Task<T> ReachedAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, Func<T, string> what)
    {
        var value = await ValueAsync(read, done, within);
        return done(value) ? value : throw new TimeoutException(what(value));
    }
}
