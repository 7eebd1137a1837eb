using OtpNet;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>
/// What an authenticator app holding <paramref name="key"/> (as the enrolment page shows it) would show. The portal takes
/// each code once, so <see cref="NextCode"/> gives one it has not been given yet, from the time steps it accepts (±2 × 30 s).
/// </summary>
public sealed class AuthenticatorApp(string key)
{
    private static readonly int[] Offsets = [0, -30, 30, -60, 60];
    private readonly HashSet<string> _given = [];

    public string Key { get; } = key.Replace(" ", "").ToUpperInvariant();

    public string NextCode()
    {
        lock (_given)
        {
            var code = Offsets.Select(CodeAt).FirstOrDefault(c => !_given.Contains(c))
                ?? throw new InvalidOperationException("Every code the portal would accept now was given already.");
            _given.Add(code);
            return code;
        }
    }

    /// <summary>A code no nearby time step gives (and so one the portal refuses).</summary>
    public string WrongCode()
    {
        var near = Enumerable.Range(-4, 9).Select(step => CodeAt(step * 30)).ToHashSet();
        return Enumerable.Range(1, 40).Select(i => $"{i * 37_123 % 1_000_000:D6}").First(c => !near.Contains(c));
    }

    private string CodeAt(int offsetSeconds) => new Totp(Base32Encoding.ToBytes(Key)).ComputeTotp(DateTime.UtcNow.AddSeconds(offsetSeconds));
}
