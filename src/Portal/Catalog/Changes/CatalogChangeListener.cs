using MarketEdge.Portal.Database;
using Npgsql;

namespace MarketEdge.Portal.Catalog.Changes;

/// <summary>
/// Keeps one connection to the catalog listening on <see cref="CatalogChange.Channel"/>, where the
/// catalog's triggers announce every committed change to organizations, memberships and platform roles,
/// whichever portal process made it, and drops what <see cref="CatalogCache"/> held about them. When
/// the connection fails it tells the cache (short expiry meanwhile) and reconnects, waiting longer each time.
/// </summary>
public sealed class CatalogChangeListener(CatalogConnection catalog, CatalogCache cache, ILogger<CatalogChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken, () => retry = FirstRetry);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                cache.SetListening(false);
                logger.LogWarning("Not listening for catalog changes ({Reason}); cached organizations expire after a short while until the connection is back; retrying in {Delay}",
                    exception.Message, retry);
                await Task.Delay(retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }

        cache.SetListening(false);
    }

    private async Task ListenAsync(CancellationToken stoppingToken, Action connected)
    {
        // Its own connection, outside any pool, kept open; keepalives notice a server that went away.
        var connectionString = new NpgsqlConnectionStringBuilder(catalog.ConnectionString)
        {
            Pooling = false, KeepAlive = 5, ApplicationName = "marketedge-catalog-listener",
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += (_, notification) =>
        {
            if (CatalogChange.Parse(notification.Payload) is { } change)
            {
                cache.Forget(change);
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {CatalogChange.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        cache.SetListening(true);
        connected();
        logger.LogInformation("Listening for catalog changes");
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}
