using MarketEdge.Portal.Setup;

namespace MarketEdge.Portal.Database;

/// <summary>Finds the PostgreSQL server programs installed on this machine.</summary>
internal sealed record PostgresInstallation(string BinDirectory)
{
    public const string NotInstalledMessage =
        "PostgreSQL is not installed: install the 'postgresql' package (apt-get install -y postgresql), "
        + "or set ConnectionStrings:Catalog to use an existing server.";

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// <paramref name="configured"/> (Portal:PostgresBinDirectory) when set; otherwise the newest
    /// Debian-style install (/usr/lib/postgresql/N/bin), then whatever is on PATH.
    /// </summary>
    public static PostgresInstallation Find(string? configured)
    {
        var candidates = string.IsNullOrWhiteSpace(configured)
            ? DebianBinDirectories().Concat(PathDirectories())
            : [configured];
        var found = candidates.FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")));
        return found is null
            ? throw new PortalStartupException(NotInstalledMessage)
            : new PostgresInstallation(found);
    }

    private static IEnumerable<string> DebianBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
            .OrderByDescending(entry => entry.version)
            .Select(entry => Path.Combine(entry.dir, "bin"));
    }

    private static IEnumerable<string> PathDirectories() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
