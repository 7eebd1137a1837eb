using MarketEdge.IndustryPacks;

namespace MarketEdge.Portal.IndustryPacks;

/// <summary>A pack that loaded: its manifest, the running pack, and the folder it came from.</summary>
public sealed record LoadedPack(PackManifest Manifest, IIndustryPack Pack, string Folder);

/// <summary>A pack folder that could not be loaded, and why, in words a super admin can act on.</summary>
public sealed record PackFailure(string Folder, string Reason);

/// <summary>Every pack found at start: the loaded ones, and the folders that failed with their reasons.</summary>
public sealed class PackRegistry(IReadOnlyList<LoadedPack> loaded, IReadOnlyList<PackFailure> failures)
{
    public IReadOnlyList<LoadedPack> Loaded { get; } = loaded.OrderBy(p => p.Pack.DisplayName).ToList();

    public IReadOnlyList<PackFailure> Failures { get; } = failures;

    public LoadedPack? Find(string? id) => Loaded.FirstOrDefault(p => p.Pack.Id == id);

    /// <summary>The words a pack uses; plain ones for a pack that is not loaded.</summary>
    public Terminology TerminologyOf(string packId) => Find(packId)?.Pack.Terminology ?? new Terminology("site", "competitor", "offering");

    /// <summary>The packs that declare <paramref name="sicCode"/> among theirs.</summary>
    public IReadOnlyList<LoadedPack> Covering(string sicCode) =>
        Loaded.Where(p => p.Pack.SicCodes.Contains(sicCode)).ToList();
}
