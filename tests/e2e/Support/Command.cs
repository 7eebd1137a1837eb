using System.Diagnostics;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>Runs a command line tool to completion; a failure carries what it printed.</summary>
public static class Command
{
    public static async Task<string> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await errors;
        return process.ExitCode == 0
            ? printed
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{printed}");
    }
}
