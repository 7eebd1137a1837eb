using System.Diagnostics;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Setup;
using MarketEdge.Portal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketEdge.Portal.Tests.Database;

public sealed class EmbeddedPostgresServerShould : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marketedge-embedded-").FullName;

    [Fact]
    public async Task Keep_its_data_across_a_stop_and_a_second_start()
    {
        using (var first = EmbeddedPostgresServer.Start(_folder, NullLogger.Instance))
        {
            var database = first.ConnectionString("kept");
            await PostgresDatabases.CreateIfMissingAsync(database, CancellationToken.None);
            await TestPostgres.ScalarAsync<int>(database, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (42)");
        }

        using var second = EmbeddedPostgresServer.Start(_folder, NullLogger.Instance);

        Assert.Equal(42, await TestPostgres.ScalarAsync<int>(second.ConnectionString("kept"), "SELECT id FROM marker"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Give_the_portal_a_role_that_may_create_databases_but_is_no_superuser()
    {
        using var server = EmbeddedPostgresServer.Start(_folder, NullLogger.Instance);
        var database = server.ConnectionString("owned");
        await PostgresDatabases.CreateIfMissingAsync(database, CancellationToken.None);

        Assert.Equal("marketedge", await TestPostgres.ScalarAsync<string>(database, "SELECT current_user::text"));
        Assert.False(await TestPostgres.ScalarAsync<bool>(database, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.True(await TestPostgres.ScalarAsync<bool>(database, "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal("marketedge", await TestPostgres.ScalarAsync<string>(database,
            "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => TestPostgres.ScalarAsync<int>(database, "ALTER SYSTEM SET work_mem = '1GB'"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "postgres.app-password")));
    }

    [Fact]
    public async Task Listen_on_loopback_only_and_leave_no_process_behind_when_stopped()
    {
        int postmasterPid;
        using (var server = EmbeddedPostgresServer.Start(_folder, NullLogger.Instance))
        {
            var listen = await TestPostgres.ScalarAsync<string>(server.ConnectionString("postgres"), "SHOW listen_addresses");
            Assert.Equal("127.0.0.1", listen);
            postmasterPid = int.Parse(File.ReadLines(Path.Combine(server.DataDirectory, "postmaster.pid")).First());
            Assert.False(Process.GetProcessById(postmasterPid).HasExited);
        }

        Assert.False(File.Exists(Path.Combine(_folder, "postgres", "postmaster.pid")));
        Assert.DoesNotContain(Process.GetProcesses(), p => p.Id == postmasterPid);
    }

    [Fact]
    public void Name_the_package_to_install_when_postgresql_is_missing()
    {
        var missing = Assert.Throws<PortalStartupException>(() =>
            EmbeddedPostgresServer.Start(_folder, NullLogger.Instance, binDirectory: Path.Combine(_folder, "no-such-bin")));

        Assert.Contains("apt-get install -y postgresql", missing.Message);
        Assert.DoesNotContain('\n', missing.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
