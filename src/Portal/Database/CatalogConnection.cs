using MarketEdge.Portal.Setup;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Database;

/// <summary>
/// Where the catalog lives: ConnectionStrings:Catalog when set, otherwise a private PostgreSQL in the
/// data folder, started on first use and stopped when the app's services are disposed.
/// </summary>
public sealed class CatalogConnection : IDisposable
{
    public const string DefaultDatabase = "marketedge";

    private readonly EmbeddedPostgresServer? _embedded;

    public CatalogConnection(IConfiguration configuration, IOptions<PortalOptions> portal, ILogger<CatalogConnection> logger)
    {
        var configured = configuration.GetConnectionString("Catalog");
        if (string.IsNullOrWhiteSpace(configured))
        {
            _embedded = EmbeddedPostgresServer.Start(portal.Value.DataDirectory, logger, portal.Value.PostgresBinDirectory);
            configured = _embedded.ConnectionString(DefaultDatabase);
        }

        ConnectionString = ConnectionDefaults.Apply(configured);
    }

    public string ConnectionString { get; }

    public void Dispose() => _embedded?.Dispose();
}
