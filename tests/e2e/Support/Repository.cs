namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>Where things are in the checkout these tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PortalProjectDirectory => Path.Combine(Root, "src", "Portal");

    /// <summary>The configuration (Debug or Release) this assembly was built in, read off its output folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The portal built in the same configuration as these tests (Debug or Release).</summary>
    public static string PortalAssembly
    {
        get
        {
            var assembly = Path.Combine(PortalProjectDirectory, "bin", Configuration, "net10.0", "MarketEdge.Portal.dll");
            return File.Exists(assembly)
                ? assembly
                : throw new FileNotFoundException($"Build the solution first (dotnet build -c {Configuration}).", assembly);
        }
    }

    public static string ArtifactsDirectory => Directory.CreateDirectory(Path.Combine(Root, "tests", "e2e", "artifacts")).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketEdge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MarketEdge.sln not found above " + AppContext.BaseDirectory);
    }
}
