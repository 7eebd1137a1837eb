using System.Diagnostics;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Web;

/// <summary>./run.sh, with a stand-in for dotnet that records how the portal would be started.</summary>
public sealed class RunScriptShould : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marketedge-run-").FullName;

    [Theory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData("", "Production", "")]
    [InlineData("--dev", "Development", "")]
    [InlineData("--dev --urls http://127.0.0.1:5999", "Development", "--urls http://127.0.0.1:5999")]
    public async Task Run_the_portal_in_production_unless_asked_for_development(string arguments, string environment, string passedOn)
    {
        var record = Path.Combine(_folder, "dotnet-calls");
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var stub = Path.Combine(bin, "dotnet");
        await File.WriteAllTextAsync(stub, $"#!/bin/sh\necho \"$ASPNETCORE_ENVIRONMENT|$*\" >> '{record}'\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var repository = Directory.CreateDirectory(Path.Combine(_folder, "repository")).FullName;
        File.Copy(Path.Combine(PackFolders.RepositoryRoot, "run.sh"), Path.Combine(repository, "run.sh"));
        Directory.CreateDirectory(Path.Combine(repository, "scripts"));
        File.Copy(Path.Combine(PackFolders.RepositoryRoot, "scripts", "install-prerequisites.sh"), Path.Combine(repository, "scripts", "install-prerequisites.sh"));

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repository, "run.sh"));
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        using var run = Process.Start(start)!;
        await run.WaitForExitAsync();

        Assert.True(run.ExitCode == 0, await run.StandardError.ReadToEndAsync());
        var started = File.ReadAllLines(record).Single(line => line.Contains("|run "));
        Assert.StartsWith($"{environment}|", started);
        Assert.EndsWith($"-- {passedOn}".TrimEnd(), started.TrimEnd());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
