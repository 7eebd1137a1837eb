using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace MarketEdge.Bench;

/// <summary>
/// A temporary folder for the portals' data folders (their PostgreSQL clusters: about 8 GB with 1,000
/// organizations), removed at the end — on Ctrl+C and SIGTERM too, once the portals, which stop
/// their PostgreSQL on the same signals, have done so.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class WorkFolder : IDisposable
{
    public WorkFolder(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101); // PostgreSQL runs as its own user and must reach its data inside
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupted), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnInterrupted)];
    }

    private readonly PosixSignalRegistration[] _signals;
    private readonly Lock _deleting = new();

    public string Path { get; }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        Delete();
    }

    /// <summary>Runs before the signal ends the process (as it would without this handler).</summary>
    private void OnInterrupted(PosixSignalContext context)
    {
        Console.Error.WriteLine($"Interrupted: removing {Path} once its PostgreSQL servers have stopped ...");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && Directory.EnumerateFiles(Path, "postmaster.pid", SearchOption.AllDirectories).Any())
        {
            Thread.Sleep(200);
        }

        Delete();
    }

    /// <summary>Once, however many ask at once (the signal handler and the run it ends, say); files PostgreSQL is still letting go of get a retry.</summary>
    private void Delete()
    {
        lock (_deleting)
        {
            for (var attempt = 1; Directory.Exists(Path); attempt++)
            {
                try
                {
                    Directory.Delete(Path, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    if (attempt == 5)
                    {
                        Console.Error.WriteLine($"Could not remove {Path}: {e.Message}");
                        return;
                    }

                    Thread.Sleep(500);
                }
            }
        }
    }
}
