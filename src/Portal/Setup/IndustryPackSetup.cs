using MarketEdge.Portal.IndustryPacks;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Setup;

public static class IndustryPackSetup
{
    /// <summary>The SIC 2007 catalogue and the packs in IndustryPacks:Directory (default: the repository's plugins/).</summary>
    public static void AddIndustryPacks(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<IndustryPackOptions>()
            .BindConfiguration("IndustryPacks")
            .PostConfigure(options => options.Directory = PortalSetup.FolderOrDefault(options.Directory, "plugins", contentRoot));
        builder.Services.AddSingleton(_ => SicCatalogue.Load());
        builder.Services.AddSingleton<PackLoader>();
        builder.Services.AddSingleton(services => services.GetRequiredService<PackLoader>()
            .LoadAll(services.GetRequiredService<IOptions<IndustryPackOptions>>().Value.Directory));
        builder.Services.AddSingleton<SicSearch>();
        builder.Services.AddScoped<OrganizationFeatures>();
    }

    /// <summary>Loads the packs now, so their outcome is in the log at start rather than on first use.</summary>
    public static void LoadIndustryPacks(this WebApplication app) => app.Services.GetRequiredService<PackRegistry>();
}
