using MarketEdge.IndustryPacks;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketEdge.Portal.Tests.IndustryPacks;

public sealed class PackLoaderShould : IDisposable
{
    private static readonly SicCatalogue Sic = SicCatalogue.Load();
    private readonly PackFolders _plugins = new();

    [Fact]
    public void Load_the_five_built_in_packs_that_the_build_installed_in_plugins()
    {
        var registry = Load(PackFolders.RepositoryPlugins);

        Assert.Equal(PackFolders.BuiltInPackIds, registry.Loaded.Select(p => p.Pack.Id).Order());
        foreach (var loaded in registry.Loaded)
        {
            Assert.True(File.Exists(Path.Combine(loaded.Folder, PackManifest.FileName)));
            Assert.Equal(PackSdk.Version.ToString(), loaded.Manifest.SdkVersion);
            Assert.False(File.Exists(Path.Combine(loaded.Folder, "MarketEdge.IndustryPacks.Abstractions.dll")), "the SDK is the host's to share");
            Assert.True(loaded.Pack.FeatureFlags.Count >= 3, $"{loaded.Pack.Id} has fewer than three feature flags");
            Assert.NotEmpty(loaded.Pack.SicCodes);
            Assert.All(loaded.Pack.SicCodes, code => Assert.NotNull(Sic.Find(code)));
            Assert.False(string.IsNullOrWhiteSpace(loaded.Pack.Terminology.Competitor));
        }
    }

    [Fact]
    public void Cover_the_sic_codes_each_industry_is_known_by()
    {
        var registry = Load(PackFolders.RepositoryPlugins);

        Assert.Contains("59140", registry.Find("cinema")!.Pack.SicCodes);
        Assert.Contains("55100", registry.Find("hotels")!.Pack.SicCodes);
        Assert.Contains("93130", registry.Find("gyms")!.Pack.SicCodes);
        Assert.Contains("70229", registry.Find("b2b")!.Pack.SicCodes);
        Assert.All(registry.Find("retail")!.Pack.SicCodes, code => Assert.StartsWith("47", code));
    }

    [Fact]
    public void Load_a_pack_with_its_own_dependency_from_its_folder()
    {
        _plugins.Plant("needs-helper", "MarketEdge.TestPacks.NeedsHelper",
            ["MarketEdge.TestPacks.NeedsHelper.dll", "MarketEdge.TestPacks.NeedsHelper.deps.json", "MarketEdge.TestPacks.Helper.dll"],
            PackFolders.Manifest("needs-helper", "MarketEdge.TestPacks.NeedsHelper.dll"));

        var registry = Load(_plugins.Directory);

        Assert.Empty(registry.Failures);
        Assert.Contains("£9.50", registry.Find("needs-helper")?.Pack.Description);
    }

    [Theory]
    [InlineData("", UnixFileMode.OtherWrite)]
    [InlineData("", UnixFileMode.GroupWrite)]
    [InlineData("MarketEdge.IndustryPacks.Cinema.dll", UnixFileMode.OtherWrite)]
    [InlineData("pack.json", UnixFileMode.GroupWrite)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Refuse_a_pack_that_others_than_the_portals_user_may_change(string entry, UnixFileMode extra)
    {
        var path = Path.Combine(_plugins.Directory, "cinema", entry);
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | extra);

        var registry = Load(_plugins.Directory);

        Assert.Null(registry.Find("cinema"));
        Assert.Contains("other than the portal's own", Assert.Single(registry.Failures).Reason);
        Assert.Equal(4, registry.Loaded.Count);
    }

    [Fact]
    public void Refuse_a_pack_holding_a_symbolic_link()
    {
        File.CreateSymbolicLink(Path.Combine(_plugins.Directory, "cinema", "elsewhere.dll"), "/tmp/anything.dll");

        var registry = Load(_plugins.Directory);

        Assert.Null(registry.Find("cinema"));
        Assert.Contains("symbolic link", Assert.Single(registry.Failures).Reason);
    }

    public static TheoryData<string, string> BrokenPacks => new()
    {
        { "unreadable-manifest", "not valid JSON" },
        { "incomplete-manifest", "lacks entryAssembly" },
        { "missing-entry-assembly", "is not in the folder" },
        { "no-pack-type", "No pack type" },
        { "throwing-constructor", "constructor threw InvalidOperationException: The pack's licence file is missing." },
        { "zz-duplicate-id", "Duplicate pack id 'cinema'" },
        { "wrong-sdk-major", "Built for pack SDK 2.0.0" },
        { "missing-dependency", "A dependency is missing from the pack's folder: MarketEdge.TestPacks.Helper" },
    };

    [Theory]
    [MemberData(nameof(BrokenPacks))]
    public void Report_a_broken_pack_with_its_reason_and_load_every_good_one(string folder, string reason)
    {
        _plugins.PlantBroken(folder);

        var registry = Load(_plugins.Directory);

        var failure = Assert.Single(registry.Failures);
        Assert.Equal(folder, Path.GetFileName(failure.Folder));
        Assert.Contains(reason, failure.Reason);
        Assert.Equal(PackFolders.BuiltInPackIds, registry.Loaded.Select(p => p.Pack.Id).Order());
    }

    private static PackRegistry Load(string directory) =>
        new PackLoader(Sic, NullLogger<PackLoader>.Instance).LoadAll(directory);

    public void Dispose() => _plugins.Dispose();
}
