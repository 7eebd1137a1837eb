using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Setup;

public static class PortalSetup
{
    /// <summary>Binds "Portal" settings; the data folder defaults to .data at the repository root (or beside a published app).</summary>
    public static void AddPortalOptions(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<PortalOptions>()
            .BindConfiguration("Portal")
            .PostConfigure(options => options.DataDirectory = FolderOrDefault(options.DataDirectory, ".data", contentRoot))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddDataProtection().SetApplicationName("MarketEdge");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<PortalOptions>, ILoggerFactory>((keys, portal, loggers) =>
                keys.XmlRepository = new FileSystemXmlRepository(
                    Directory.CreateDirectory(Path.Combine(portal.Value.DataDirectory, "keys")), loggers));
    }

    /// <summary>
    /// A configured folder made absolute (relative to the content root), or when none is configured
    /// <paramref name="defaultName"/> at the repository root — beside a published app, at its content root.
    /// </summary>
    public static string FolderOrDefault(string? configured, string defaultName, string contentRoot) => Path.GetFullPath(
        string.IsNullOrWhiteSpace(configured) ? Path.Combine(RepositoryRoot(contentRoot) ?? contentRoot, defaultName) : configured,
        contentRoot);

    /// <summary>The folder holding MarketEdge.sln above <paramref name="start"/>, if we run from a checkout.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketEdge.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
