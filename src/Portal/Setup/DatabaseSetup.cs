using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Catalog.Changes;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Setup;

public static class DatabaseSetup
{
    /// <summary>The catalog database (embedded PostgreSQL unless ConnectionStrings:Catalog is set) and per-organization databases.</summary>
    public static void AddPortalDatabases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CatalogConnection>();
        // Pooled: a request no longer pays for building a context's services (perf: 8% of an organization home's CPU).
        builder.Services.AddDbContextPool<CatalogDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<CatalogConnection>().ConnectionString)
            .AddInterceptors(services.GetRequiredService<CatalogCacheInvalidator>()));
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddSingleton<CatalogCacheInvalidator>();
        builder.Services.AddHostedService<CatalogChangeListener>();
        builder.Services.AddSingleton<DatabaseServers>();
        builder.Services.AddSingleton<TenantConnectionGate>();
        builder.Services.AddSingleton<TenantDbContextFactory>();
        builder.Services.AddScoped(services => services.GetRequiredService<TenantDbContextFactory>()
            .Create(services.GetRequiredService<TenantContext>().RequiredOrganization));
        builder.Services.AddSingleton<PackSeeder>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog");
    }

    /// <summary>Applies pending catalog migrations, then creates the super admin named in Bootstrap settings, if any.</summary>
    public static async Task PrepareCatalogAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await PostgresDatabases.CreateIfMissingAsync(catalog.Database.GetConnectionString()!, CancellationToken.None);
        await catalog.Database.MigrateAsync();

        var bootstrap = app.Configuration.GetSection("Bootstrap");
        var email = bootstrap["SuperAdminEmail"];
        var password = bootstrap["SuperAdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            if (!await SetupState.SuperAdminExistsAsync(catalog, CancellationToken.None))
            {
                var code = scope.ServiceProvider.GetRequiredService<SetupCode>();
                await Console.Out.WriteLineAsync($"First run: open /setup and enter the setup code {code.Ensure()} (also in {code.FilePath}).");
            }

            return;
        }

        var outcome = await scope.ServiceProvider.GetRequiredService<SuperAdminAccounts>()
            .CreateFirstAsync(email.Trim(), bootstrap["SuperAdminName"] ?? "Super admin", password, CancellationToken.None);
        if (outcome.Errors.Count > 0)
        {
            throw new PortalStartupException("Bootstrap:SuperAdmin* refused: "
                + string.Join(" ", outcome.Errors.Select(e => e.Description)));
        }
    }
}
