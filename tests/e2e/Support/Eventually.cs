namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>The one way journeys wait for something outside the browser (an email queued, a server listening): poll until it holds, or give up.</summary>
public static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

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
}
