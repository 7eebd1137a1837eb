using System.Reflection;
using System.Text.Json;
using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Tenancy;

namespace MarketEdge.Portal.IndustryPacks;

/// <summary>
/// Loads every pack folder under the plugins directory, each into its own <see cref="PackLoadContext"/>.
/// Any way a pack can be broken becomes a <see cref="PackFailure"/> with a reason, logged once; the
/// other packs, and the portal, carry on.
/// </summary>
public sealed class PackLoader(SicCatalogue sic, ILogger<PackLoader> logger)
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    public PackRegistry LoadAll(string directory)
    {
        var loaded = new List<LoadedPack>();
        var failures = new List<PackFailure>();
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("No industry packs: the folder {Directory} does not exist", directory);
            return new PackRegistry(loaded, failures);
        }

        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            try
            {
                var pack = Load(folder);
                if (loaded.FirstOrDefault(other => other.Pack.Id == pack.Pack.Id) is { } first)
                {
                    throw new PackLoadException($"Duplicate pack id '{pack.Pack.Id}': a pack with this id was already loaded from {first.Folder}.");
                }

                loaded.Add(pack);
                logger.LogInformation("Loaded industry pack {PackId} {Version} from {Folder}", pack.Pack.Id, pack.Pack.Version, folder);
            }
            catch (PackLoadException failure)
            {
                failures.Add(new PackFailure(folder, failure.Message));
                logger.LogError("Industry pack in {Folder} not loaded: {Reason}", folder, failure.Message);
            }
        }

        return new PackRegistry(loaded, failures);
    }

    private LoadedPack Load(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            RefuseIfWritableByOthers(folder);
        }

        var manifest = ReadManifest(folder);
        try
        {
            var pack = Instantiate(FindPackType(LoadEntryAssembly(folder, manifest)));
            Validate(manifest, pack);
            return new LoadedPack(manifest, pack, folder);
        }
        catch (Exception missing) when (missing is FileNotFoundException or FileLoadException)
        {
            throw new PackLoadException($"A dependency is missing from the pack's folder: {DependencyName(missing)}.");
        }
    }

    /// <summary>
    /// A pack's code runs with the portal's full trust, so nobody but the portal's own user (or root) may be
    /// able to change it: a folder or file owned by another user, one its group or everyone may write to, or
    /// a symbolic link (it could point anywhere) is refused before anything in the pack is read.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void RefuseIfWritableByOthers(string folder)
    {
        var found = ProcessRunner.Run("find",
            [folder, "(", "-type", "l", "-o", "-perm", "/022", "-o", "(", "!", "-user", Environment.UserName, "!", "-user", "root", ")", ")", "-print", "-quit"],
            TimeSpan.FromSeconds(30));
        if (!found.Succeeded)
        {
            throw new PackLoadException($"Could not check who may change the pack's files: {found.Output.Trim()}");
        }

        if (found.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } open)
        {
            var name = Path.GetFullPath(open) == Path.GetFullPath(folder) ? "The pack's folder" : Path.GetRelativePath(folder, open);
            throw new PackLoadException($"{name} can be changed by users other than the portal's own (a symbolic link, another user's, " +
                "or group or others may write to it): its code would run with the portal's full trust. Give it to the portal's user and remove that permission (chmod go-w), then restart.");
        }
    }

    private static PackManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, PackManifest.FileName);
        if (!File.Exists(path))
        {
            throw new PackLoadException($"No {PackManifest.FileName} in the folder.");
        }

        PackManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PackManifest>(File.ReadAllText(path), ManifestJson);
        }
        catch (JsonException e)
        {
            throw new PackLoadException($"{PackManifest.FileName} is not valid JSON: {e.Message}");
        }

        var missing = new[] { ("id", manifest?.Id), ("name", manifest?.Name), ("version", manifest?.Version),
                ("entryAssembly", manifest?.EntryAssembly), ("sdkVersion", manifest?.SdkVersion) }
            .Where(field => string.IsNullOrWhiteSpace(field.Item2))
            .Select(field => field.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            throw new PackLoadException($"{PackManifest.FileName} lacks {string.Join(", ", missing)}.");
        }

        if (!Version.TryParse(manifest!.SdkVersion, out var sdk))
        {
            throw new PackLoadException($"{PackManifest.FileName} has an unreadable sdkVersion '{manifest.SdkVersion}'.");
        }

        if (sdk.Major != PackSdk.Version.Major)
        {
            throw new PackLoadException(
                $"Built for pack SDK {sdk}, but this portal runs SDK {PackSdk.Version}: rebuild it against SDK {PackSdk.Version.Major}.x.");
        }

        return manifest;
    }

    private static Assembly LoadEntryAssembly(string folder, PackManifest manifest)
    {
        if (Path.GetFileName(manifest.EntryAssembly) != manifest.EntryAssembly)
        {
            throw new PackLoadException($"entryAssembly must be a file name in the pack's folder, not '{manifest.EntryAssembly}'.");
        }

        var path = Path.Combine(folder, manifest.EntryAssembly);
        if (!File.Exists(path))
        {
            throw new PackLoadException($"The entry assembly {manifest.EntryAssembly} named in {PackManifest.FileName} is not in the folder.");
        }

        try
        {
            return new PackLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException)
        {
            throw new PackLoadException($"{manifest.EntryAssembly} is not a .NET assembly.");
        }
    }

    private static Type FindPackType(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var missing = e.LoaderExceptions.FirstOrDefault(x => x is FileNotFoundException or FileLoadException);
            throw missing ?? new PackLoadException($"Types in {assembly.GetName().Name} could not be loaded: {e.LoaderExceptions.FirstOrDefault()?.Message}");
        }

        var packTypes = types.Where(t => typeof(IIndustryPack).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
        return packTypes.Count switch
        {
            0 => throw new PackLoadException($"No pack type: {assembly.GetName().Name} has no class implementing {nameof(IIndustryPack)}."),
            > 1 => throw new PackLoadException($"Several pack types in {assembly.GetName().Name} ({string.Join(", ", packTypes.Select(t => t.Name))}): keep exactly one."),
            _ => packTypes[0],
        };
    }

    private static IIndustryPack Instantiate(Type packType)
    {
        var constructor = packType.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new PackLoadException($"{packType.Name} needs a parameterless constructor.");
        try
        {
            return (IIndustryPack)constructor.Invoke(null);
        }
        catch (TargetInvocationException e) when (e.InnerException is FileNotFoundException or FileLoadException)
        {
            throw e.InnerException;
        }
        catch (TargetInvocationException e)
        {
            throw new PackLoadException($"{packType.Name}'s constructor threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
        }
    }

    private void Validate(PackManifest manifest, IIndustryPack pack)
    {
        var problems = new List<string>();
        if (pack.Id != manifest.Id)
        {
            problems.Add($"its id is '{pack.Id}' but {PackManifest.FileName} says '{manifest.Id}'");
        }

        if (!OrganizationSlug.IsWellFormed(pack.Id))
        {
            problems.Add($"its id '{pack.Id}' is not lower-case letters, digits and hyphens (3–40)");
        }

        if (pack.Version.ToString(3) != manifest.Version && pack.Version.ToString() != manifest.Version)
        {
            problems.Add($"its version is {pack.Version.ToString(3)} but {PackManifest.FileName} says {manifest.Version}");
        }

        var unknownCodes = pack.SicCodes.Where(code => sic.Find(code) is null).ToList();
        if (unknownCodes.Count > 0)
        {
            problems.Add($"unknown SIC 2007 codes {string.Join(", ", unknownCodes)}");
        }

        var duplicateFlags = pack.FeatureFlags.GroupBy(f => f.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicateFlags.Count > 0)
        {
            problems.Add($"feature flag keys used twice: {string.Join(", ", duplicateFlags)}");
        }

        if (problems.Count > 0)
        {
            throw new PackLoadException("The pack is inconsistent: " + string.Join("; ", problems) + ".");
        }
    }

    private static string DependencyName(Exception missing) =>
        (missing as FileNotFoundException)?.FileName ?? (missing as FileLoadException)?.FileName ?? missing.Message;

    private sealed class PackLoadException(string reason) : Exception(reason);
}
