using System.Net;
using System.Net.Sockets;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// Slows guessing without locking anyone out: each (account, client) pair that keeps failing must wait
/// longer before its next attempt — none for the first few failures, then 1 s, 2 s, 4 s … up to 5 minutes.
/// An attacker elsewhere cannot keep the owner out (the owner's own client has its own count), and an
/// unknown address is counted exactly like a known one, so the delay tells nothing about who has an account.
/// An attempt is counted when it starts (<see cref="TryBegin"/>), so parallel guesses cannot slip past the
/// delay while a hash is being checked. IPv6 clients count per /64 (what one subscriber usually holds).
/// The same throttle guards every password check (sign-in, accepting an invitation, the account page) and the setup code.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const string WaitMessage = "Too many attempts from here: wait a little, then try again.";
    private const int FreeFailures = 3;
    private const int MaxEntries = 50_000;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(30);

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts an attempt of <paramref name="account"/> from <paramref name="client"/> as a failure until it
    /// <see cref="Succeeded"/>; false (nothing counted) while the pair must still wait.
    /// </summary>
    public bool TryBegin(string account, string client)
    {
        var key = Key(account, client);
        var now = clock.GetUtcNow();
        lock (_failures)
        {
            _failures.TryGetValue(key, out var failures);
            if (failures is not null && failures.LastAt + DelayAfter(failures.Count) > now)
            {
                return false;
            }

            if (failures is null && _failures.Count >= MaxEntries)
            {
                ForgetSome(now);
            }

            _failures[key] = new Failures((failures?.Count ?? 0) + 1, now);
            return true;
        }
    }

    public void Succeeded(string account, string client)
    {
        lock (_failures)
        {
            _failures.Remove(Key(account, client));
        }
    }

    private static TimeSpan DelayAfter(int failures) => failures < FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));

    /// <summary>The client a request counts as: its address, IPv6 by /64.</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6, IsIPv4MappedToIPv6: false } v6 => new IPNetwork(Prefix64(v6), 64).ToString(),
        var address => address.MapToIPv4().ToString(),
    };

    private static IPAddress Prefix64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    /// <summary>Old entries go first; if an attack keeps every entry young, the oldest half goes (their delays restart).</summary>
    private void ForgetSome(DateTimeOffset now)
    {
        var stale = _failures.Where(f => now - f.Value.LastAt > Forget).Select(f => f.Key).ToList();
        if (stale.Count < MaxEntries / 10)
        {
            stale = _failures.OrderBy(f => f.Value.LastAt).Take(_failures.Count / 2).Select(f => f.Key).ToList();
        }

        foreach (var key in stale)
        {
            _failures.Remove(key);
        }
    }

    private static string Key(string account, string client) => $"{account.Trim().ToUpperInvariant()}|{client}";

    private sealed record Failures(int Count, DateTimeOffset LastAt);
}
