using System.Reflection;
using System.Runtime.Loader;
using MarketEdge.IndustryPacks;

namespace MarketEdge.Portal.IndustryPacks;

/// <summary>
/// One pack's own assembly world: its dependencies come from its folder (per its deps.json), while
/// the SDK and the framework come from the host, so the host and the pack agree on
/// <see cref="IIndustryPack"/> and friends.
/// </summary>
internal sealed class PackLoadContext(string entryAssemblyPath) : AssemblyLoadContext(Path.GetFileName(entryAssemblyPath))
{
    private static readonly string SharedSdk = typeof(IIndustryPack).Assembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver = new(entryAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == SharedSdk)
        {
            return null; // the host's copy
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
