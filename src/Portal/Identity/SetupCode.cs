using System.Security.Cryptography;
using System.Text;
using MarketEdge.Portal.Setup;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The one-time code that proves whoever opens /setup can read this portal's console or data folder, so a
/// stranger who finds a fresh instance first cannot claim it. Made at a start without a super admin (kept
/// while setup is pending, so several processes sharing the data folder agree), written to
/// &lt;data folder&gt;/setup-code readable by its owner only, and deleted once the super admin exists.
/// </summary>
public sealed class SetupCode(IOptions<PortalOptions> portal)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I to misread

    public string FilePath => Path.Combine(portal.Value.DataDirectory, "setup-code");

    /// <summary>The pending code, made now if there is none yet.</summary>
    public string Ensure()
    {
        if (Read() is { } existing)
        {
            return existing;
        }

        var code = string.Join("-", Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4)));
        Directory.CreateDirectory(portal.Value.DataDirectory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // never readable by others, not even for a moment
        }

        try
        {
            using var file = new StreamWriter(FilePath, Encoding.ASCII, options);
            file.WriteLine(code);
        }
        catch (IOException) when (Read() is { } madeMeanwhile)
        {
            return madeMeanwhile; // another process sharing the data folder made it first
        }

        return code;
    }

    /// <summary>Whether <paramref name="candidate"/> is the pending code (spaces, dashes and case aside).</summary>
    public bool Matches(string? candidate)
    {
        if (Read() is not { } code || string.IsNullOrWhiteSpace(candidate))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Normalize(code)), Encoding.ASCII.GetBytes(Normalize(candidate)));
    }

    public void Spend() => File.Delete(FilePath);

    private string? Read() => File.Exists(FilePath) && File.ReadAllText(FilePath).Trim() is { Length: > 0 } code ? code : null;

    private static string Normalize(string code) =>
        new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
