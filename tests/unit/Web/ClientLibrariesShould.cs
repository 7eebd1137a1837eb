using System.Text.Json;
using MarketEdge.Portal.Setup;

namespace MarketEdge.Portal.Tests.Web;

/// <summary>LibMan's CDNs are out of reach here, so the files are committed: they must be the versions libman.json names.</summary>
public sealed class ClientLibrariesShould
{
    public static TheoryData<string, string> CommittedFiles => new()
    {
        { "htmx.org", "dist/htmx.min.js" },
        { "@picocss/pico", "css/pico.min.css" },
    };

    [Theory]
    [MemberData(nameof(CommittedFiles))]
    public void Match_the_versions_in_libman_json(string library, string file)
    {
        var root = PortalSetup.RepositoryRoot(AppContext.BaseDirectory)!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "libman.json")));
        var entry = manifest.RootElement.GetProperty("libraries").EnumerateArray()
            .Single(l => l.GetProperty("library").GetString()!.StartsWith(library + "@", StringComparison.Ordinal));
        var version = entry.GetProperty("library").GetString()![(library.Length + 1)..];
        Assert.Contains(file, entry.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        var committed = File.ReadAllText(Path.Combine(root, entry.GetProperty("destination").GetString()!, file));

        var versionMark = library == "htmx.org" ? $"version:\"{version}\"" : $"v{version} ";
        Assert.Contains(versionMark, committed);
    }
}
