using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// The portal as a real process (the built MarketEdge.Portal.dll, Production settings) with a data
/// folder of its own, so its embedded PostgreSQL is its own too. It binds port 0 and reports the
/// port it got ("Now listening on ..."), so parallel tests never race for a port.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    public const string SuperAdminEmail = "root@marketedge.test";
    public const string Password = "correct horse battery staple";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _ownsDataDirectory;

    private PortalProcess(Process process, string dataDirectory, bool ownsDataDirectory)
    {
        _ownsDataDirectory = ownsDataDirectory;
        _process = process;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }

    /// <summary>The port the portal reported; known once it listens (after <see cref="WaitUntilHealthyAsync"/>).</summary>
    public int Port => _listening.Task.IsCompletedSuccessfully
        ? _listening.Task.Result
        : throw new InvalidOperationException("The portal has not reported its port yet: wait until it is healthy.");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>http://{host}:{port} — any *.localhost host reaches this portal from Chromium.</summary>
    public string Url(string host = "localhost", string path = "/") => $"http://{host}:{Port}{path}";

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the portal (the build of <see cref="Repository.PortalAssembly"/>, or <paramref name="assembly"/>: a
    /// published one); by default bootstraps a super admin and waits until /health answers 200.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(
        string? dataDirectory = null, bool bootstrapSuperAdmin = true, IDictionary<string, string>? settings = null,
        bool waitUntilHealthy = true, string? assembly = null)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("marketedge-e2e-").FullName;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.PortalProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assembly ?? Repository.PortalAssembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add("http://127.0.0.1:0");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["ConnectionStrings__Catalog"] = "";
        startInfo.Environment["Portal__DataDirectory"] = dataDirectory;
        if (bootstrapSuperAdmin)
        {
            startInfo.Environment["Bootstrap__SuperAdminEmail"] = SuperAdminEmail;
            startInfo.Environment["Bootstrap__SuperAdminPassword"] = Password;
        }

        // Journeys that are not about two-factor sign-in let the super admin in with a password alone; TwoFactorShould switches it on.
        startInfo.Environment["Identity__SuperAdminsRequireTwoFactor"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var portal = new PortalProcess(Process.Start(startInfo)!, dataDirectory, ownsDataDirectory);
        if (waitUntilHealthy)
        {
            try
            {
                await portal.WaitUntilHealthyAsync();
            }
            catch (Exception failed)
            {
                try
                {
                    await portal.DisposeAsync(); // a portal that never became healthy must not outlive the test, nor its PostgreSQL
                }
                catch (Exception cleanup)
                {
                    throw new AggregateException(failed, cleanup);
                }

                throw;
            }
        }

        return portal;
    }

    /// <summary>Polls /health until it answers 200; <paramref name="pollEvery"/> short enough to time a start by.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? pollEvery = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {_process.ExitCode}:\n{Output}");
            }

            if (!_listening.Task.IsCompleted)
            {
                await Task.WhenAny(_listening.Task, Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(200)));
                continue;
            }

            try
            {
                if ((await client.GetAsync(Url(path: "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening but not answering within the client's timeout yet: a busy machine, still starting
            }

            await Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"The portal did not become healthy:\n{Output}");
    }

    /// <summary>Stops the portal the way a terminal or a service manager does: SIGTERM, then waits.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    /// <summary>Kills the portal outright (SIGKILL), as a crash or an out-of-memory kill would: nothing of it gets to clean up.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: false);
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await StopOrphanedPostgresAsync(); // pg_ctl detached it from the portal's process tree
            }

            _process.Dispose();
            if (_ownsDataDirectory)
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Stops at once (SIGQUIT) the PostgreSQL this data folder's pid file names, only if that process is still
    /// the postmaster of this folder (a stale file's pid may since belong to anything).
    /// </summary>
    private async Task StopOrphanedPostgresAsync()
    {
        var postgresFolder = Path.Combine(DataDirectory, "postgres");
        var pidFile = Path.Combine(postgresFolder, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster)
            || !CommandLineOf(postmaster).Contains(postgresFolder))
        {
            return;
        }

        using (var quit = Process.Start("kill", ["-QUIT", postmaster.ToString()]))
        {
            await quit.WaitForExitAsync();
        }

        await Eventually.ValueAsync(() => Task.FromResult(File.Exists(pidFile)), exists => !exists, TimeSpan.FromSeconds(10));
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(int.Parse(match.Groups["port"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningOn();
}
