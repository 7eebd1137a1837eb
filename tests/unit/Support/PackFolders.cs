using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Setup;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>
/// Plugin folders for tests: the five built-in packs as the build installed them in plugins/, plus any
/// deliberately broken pack planted beside them (from tests/packs, built by the solution but referenced
/// by no test project, so their assemblies are found only where a test puts them).
/// </summary>
public sealed class PackFolders : IDisposable
{
    public static readonly string[] BuiltInPackIds = ["b2b", "cinema", "gyms", "hotels", "retail"];

    public PackFolders(bool withBuiltInPacks = true)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("marketedge-plugins-").FullName;
        if (withBuiltInPacks)
        {
            foreach (var id in BuiltInPackIds)
            {
                CopyFolder(Path.Combine(RepositoryPlugins, id), Path.Combine(Directory, id));
            }
        }
    }

    public string Directory { get; }

    public static string RepositoryRoot => PortalSetup.RepositoryRoot(AppContext.BaseDirectory)!;

    public static string RepositoryPlugins => Path.Combine(RepositoryRoot, "plugins");

    /// <summary>A folder with the given files from a test pack's build output, and a manifest.</summary>
    public string Plant(string folder, string testPackProject, IEnumerable<string> files, PackManifest? manifest)
    {
        var target = System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder)).FullName;
        var output = TestPackOutput(testPackProject);
        foreach (var file in files)
        {
            File.Copy(Path.Combine(output, file), Path.Combine(target, file));
        }

        if (manifest is not null)
        {
            WriteManifest(folder, manifest);
        }

        return target;
    }

    public void WriteManifest(string folder, PackManifest manifest) =>
        File.WriteAllText(Path.Combine(System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder)).FullName, PackManifest.FileName), System.Text.Json.JsonSerializer.Serialize(manifest,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));

    public void WriteRawManifest(string folder, string content) =>
        File.WriteAllText(Path.Combine(System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder)).FullName, PackManifest.FileName), content);

    public void CopyBuiltIn(string id, string asFolder) => CopyFolder(Path.Combine(RepositoryPlugins, id), Path.Combine(Directory, asFolder));

    /// <summary>Plants one broken pack of the named kind next to the good ones.</summary>
    public void PlantBroken(string folder)
    {
        switch (folder)
        {
            case "unreadable-manifest":
                WriteRawManifest(folder, "{ \"id\": \"oops\", ");
                break;
            case "incomplete-manifest":
                WriteRawManifest(folder, """{ "id": "half", "name": "Half", "version": "1.0.0", "sdkVersion": "1.0.0" }""");
                break;
            case "missing-entry-assembly":
                WriteManifest(folder, Manifest("ghost", "Ghost.dll"));
                break;
            case "no-pack-type":
                Plant(folder, "MarketEdge.TestPacks.Helper", ["MarketEdge.TestPacks.Helper.dll"],
                    Manifest("helper", "MarketEdge.TestPacks.Helper.dll"));
                break;
            case "throwing-constructor":
                Plant(folder, "MarketEdge.TestPacks.Throwing", ["MarketEdge.TestPacks.Throwing.dll", "MarketEdge.TestPacks.Throwing.deps.json"],
                    Manifest("throwing", "MarketEdge.TestPacks.Throwing.dll"));
                break;
            case "zz-duplicate-id":
                CopyBuiltIn("cinema", folder);
                break;
            case "wrong-sdk-major":
                CopyBuiltIn("hotels", folder);
                WriteManifest(folder, new PackManifest("hotels", "Hotels", "1.0.0", "MarketEdge.IndustryPacks.Hotels.dll", "2.0.0"));
                break;
            case "missing-dependency":
                Plant(folder, "MarketEdge.TestPacks.NeedsHelper",
                    ["MarketEdge.TestPacks.NeedsHelper.dll", "MarketEdge.TestPacks.NeedsHelper.deps.json"],
                    Manifest("needs-helper", "MarketEdge.TestPacks.NeedsHelper.dll"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(folder), folder, "no such broken pack");
        }
    }

    public static PackManifest Manifest(string id, string entryAssembly) =>
        new(id, id, "1.0.0", entryAssembly, PackSdk.Version.ToString());

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string TestPackOutput(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(RepositoryRoot, "tests", "packs", project, "bin", configuration, "net10.0");
    }

    private static void CopyFolder(string from, string to)
    {
        Assert.True(System.IO.Directory.Exists(from), $"{from} is missing: build the solution first.");
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
