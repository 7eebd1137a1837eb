using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

public sealed partial class IndustryPacksShould(BrowserFixture browser, SharedPortal shared) : IClassFixture<SharedPortal>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task List_the_built_in_packs_and_look_sic_codes_up_as_you_type() =>
        await browser.RunAsync(nameof(List_the_built_in_packs_and_look_sic_codes_up_as_you_type), async page =>
        {
            await SignInPage.SignInAsync(page, shared.Portal);
            await Expect(page).ToHaveURLAsync(shared.Portal.Url(path: "/admin"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Industry packs" }).ClickAsync();

            await Expect(page.GetByTestId("pack")).ToHaveCountAsync(5);
            var cinema = page.Locator("[data-pack-id=cinema]");
            await Expect(cinema.GetByTestId("pack-sic-codes")).ToContainTextAsync("59140");
            await Expect(cinema.GetByTestId("pack-sic-codes")).ToContainTextAsync("Motion picture projection activities");
            await Expect(cinema.GetByTestId("pack-flags")).ToContainTextAsync("Ticket price tracking");

            await page.GetByLabel("Search SIC codes").PressSequentiallyAsync("cinema");

            var row = page.Locator("#sic-results tr[data-code='59140']");
            await Expect(row).ToContainTextAsync("Cinema");
            await Expect(page).ToHaveURLAsync(new Regex("q=cinema"));
            await Expect(page.GetByTestId("pack")).ToHaveCountAsync(5); // only the results were swapped in
        });

    [Fact]
    public async Task Load_a_pack_built_outside_the_solution_by_following_the_guide()
    {
        var work = Directory.CreateTempSubdirectory("marketedge-third-party-").FullName;
        try
        {
            await BuildInstallAndCheckTheGuidesPackAsync(work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task BuildInstallAndCheckTheGuidesPackAsync(string work)
    {
        var feed = Path.Combine(work, "feed");
        var project = Directory.CreateDirectory(Path.Combine(work, "Acme.Bowling")).FullName;
        var plugins = Directory.CreateDirectory(Path.Combine(work, "plugins")).FullName;
        var isolatedNuGet = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages") };

        // Steps 1–5 of plugins/README.md.
        await Command.RunAsync(Repository.Root, isolatedNuGet, "dotnet", "pack",
            "src/IndustryPacks/MarketEdge.IndustryPacks.Abstractions", "-c", "Release", "-o", feed);
        await Command.RunAsync(project, isolatedNuGet, "dotnet", "new", "nugetconfig");
        await Command.RunAsync(project, isolatedNuGet, "dotnet", "nuget", "add", "source", feed, "--name", "marketedge");
        foreach (var (name, content) in FilesFromTheGuide())
        {
            await File.WriteAllTextAsync(Path.Combine(project, name), content);
        }

        await Command.RunAsync(project, isolatedNuGet, "dotnet", "publish", "-c", "Release", "-o", "out");
        var installed = Directory.CreateDirectory(Path.Combine(plugins, "bowling")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(project, "out")))
        {
            File.Copy(file, Path.Combine(installed, Path.GetFileName(file)));
        }

        Assert.False(File.Exists(Path.Combine(installed, "MarketEdge.IndustryPacks.Abstractions.dll")));
        await using var portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["IndustryPacks__Directory"] = plugins });

        await browser.RunAsync(nameof(Load_a_pack_built_outside_the_solution_by_following_the_guide), async page =>
        {
            await SignInPage.SignInAsync(page, portal);
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
            await page.GotoAsync(portal.Url(path: "/admin/packs"));

            var bowling = page.Locator("[data-pack-id=bowling]");
            await Expect(bowling.Locator("h3")).ToContainTextAsync("Bowling alleys");
            await Expect(bowling.GetByTestId("pack-version")).ToHaveTextAsync("1.2.0");
            await Expect(bowling.GetByTestId("pack-sic-codes")).ToContainTextAsync("Operation of sports facilities");
            await Expect(bowling.GetByTestId("pack-flags")).ToContainTextAsync("lane-pricing");
            await Expect(page.GetByTestId("failed-packs")).ToHaveCountAsync(0);
        });
    }

    /// <summary>The files the guide tells a third party to write: each "File `name`:" and the code block after it.</summary>
    private static IEnumerable<(string Name, string Content)> FilesFromTheGuide()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "plugins", "README.md"));
        var files = GuideFile().Matches(guide).Select(m => (m.Groups["name"].Value, m.Groups["body"].Value)).ToList();
        Assert.Equal(["Acme.Bowling.csproj", "BowlingPack.cs", "pack.json"], files.Select(f => f.Item1));
        return files;
    }

    [GeneratedRegex("File `(?<name>[^`]+)`:\\s*```[a-z]*\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex GuideFile();
}
