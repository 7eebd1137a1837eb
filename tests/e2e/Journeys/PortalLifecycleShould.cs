using System.Diagnostics;
using System.Net;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>Starting and stopping the real portal process with its embedded PostgreSQL.</summary>
public sealed class PortalLifecycleShould
{
    [Fact]
    public async Task Leave_no_postgresql_process_behind_when_stopped_and_reuse_the_data_on_the_next_start()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("marketedge-e2e-lifecycle-").FullName;
        var first = await PortalProcess.StartAsync(dataDirectory);
        var postmasterPid = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postgres", "postmaster.pid")).First());
        Assert.True(IsRunning(postmasterPid));

        await first.StopAsync();

        Assert.Equal(0, first.ExitCode);
        Assert.False(IsRunning(postmasterPid), "the embedded PostgreSQL outlived the portal");
        Assert.Empty(PostgresProcessesUsing(dataDirectory));
        await first.DisposeAsync();

        await using var second = await PortalProcess.StartAsync(dataDirectory, bootstrapSuperAdmin: false);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var admin = await client.GetAsync(second.Url(path: "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Contains("/account/login", admin.Headers.Location?.ToString()); // not /setup: the super admin is still there
        await second.StopAsync();
        Assert.Empty(PostgresProcessesUsing(dataDirectory));
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Exit_with_one_clear_line_when_postgresql_is_not_installed()
    {
        await using var portal = await PortalProcess.StartAsync(
            settings: new Dictionary<string, string> { ["Portal__PostgresBinDirectory"] = "/nonexistent/postgresql/bin" },
            waitUntilHealthy: false);

        await portal.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, portal.ExitCode);
        var line = Assert.Single(portal.Output.Split('\n'), l => l.Contains("PostgreSQL is not installed"));
        Assert.Contains("apt-get install -y postgresql", line);
        Assert.DoesNotContain("   at ", portal.Output);
    }

    [Fact]
    public async Task Refuse_to_start_in_production_with_a_plain_http_public_address()
    {
        await using var portal = await PortalProcess.StartAsync(
            settings: new Dictionary<string, string> { ["Portal__PublicBaseUrl"] = "http://marketedge.example" },
            waitUntilHealthy: false);

        await portal.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, portal.ExitCode);
        var line = Assert.Single(portal.Output.Split('\n'), l => l.Contains("Portal:PublicBaseUrl"));
        Assert.Contains("https", line);
        Assert.DoesNotContain("   at ", portal.Output);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Processes whose command line names this data folder (the postmaster's does: -D folder).</summary>
    private static IEnumerable<int> PostgresProcessesUsing(string dataDirectory) =>
        Directory.EnumerateDirectories("/proc")
            .Select(dir => (dir, pid: int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0))
            .Where(p => p.pid > 0)
            .Where(p =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(p.dir, "cmdline")).Replace('\0', ' ').Contains(dataDirectory);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .Select(p => p.pid)
            .ToList();
}
