using System.Collections.Concurrent;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// Slows guessing without locking anyone out: each (account, client) pair that keeps failing must wait
/// longer before its next attempt — none for the first few failures, then 1 s, 2 s, 4 s … up to 5 minutes.
/// An attacker elsewhere cannot keep the owner out (the owner's own client has its own count), and an
/// unknown address is counted exactly like a known one, so the delay tells nothing about who has an account.
/// The same throttle guards every password check (sign-in, accepting an invitation, the account page) and the setup code.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    private const int FreeFailures = 3;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public const string WaitMessage = "Too many attempts from here: wait a little, then try again.";

    /// <summary>How long <paramref name="account"/> must still wait from <paramref name="client"/> before it may try again; zero when it may now.</summary>
    public TimeSpan WaitFor(string account, string client)
    {
        if (!_failures.TryGetValue(Key(account, client), out var failures))
        {
            return TimeSpan.Zero;
        }

        var wait = failures.LastAt + DelayAfter(failures.Count) - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Failed(string account, string client)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(Key(account, client), _ => new Failures(1, now), (_, previous) => new Failures(previous.Count + 1, now));
        if (_failures.Count > 10_000)
        {
            foreach (var (key, stale) in _failures.Where(f => now - f.Value.LastAt > Forget).ToList())
            {
                _failures.TryRemove(KeyValuePair.Create(key, stale));
            }
        }
    }

    public void Succeeded(string account, string client) => _failures.TryRemove(Key(account, client), out _);

    public static TimeSpan DelayAfter(int failures) => failures < FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));

    private static string Key(string account, string client) => $"{account.Trim().ToUpperInvariant()}|{client}";

    private sealed record Failures(int Count, DateTimeOffset LastAt);
}
