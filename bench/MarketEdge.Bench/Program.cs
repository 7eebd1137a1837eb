using MarketEdge.Bench;
using MarketEdge.EndToEnd.Tests.Support;

// ./bench.sh [--full | --faults]: see README "Performance".
if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("The benchmark runs on Linux: it reads /proc and drives wrk.");
    return 2;
}

if (args.Contains("--faults"))
{
    return await FaultDrills.RunAllAsync();
}

if (args.Contains("--bulk"))
{
    return await MeasureBulkInvitationsAloneAsync();
}

var mode = BenchMode.FromArguments(args);
var pagesOnly = args.Contains("--pages"); // a quicker loop while working on a page: no scale run, no cold starts, nothing written
var coldOnly = args.Contains("--cold"); // the cold starts alone, printed, nothing written

using var workFolder = new WorkFolder("marketedge-bench-");
var work = workFolder.Path;
if (coldOnly)
{
    var (fiveOnly, fiftyOnly) = await MeasureColdStartsAsync(work, mode);
    Console.WriteLine($"cold start to /health 200: five packs {fiveOnly.MedianS:0.00} s {Runs(fiveOnly)}, fifty packs {fiftyOnly.MedianS:0.00} s {Runs(fiftyOnly)}");
    return 0;
}

Progress.Step($"Benchmark ({mode.Name}); data in {work}");
var (pages, provisioning, scale, bulk) = await MeasureServingAsync(Path.Combine(work, "serving"), mode, pagesOnly);
if (pagesOnly)
{
    return 0;
}

var (five, fifty) = await MeasureColdStartsAsync(work, mode);

var report = new Report(Machine.Describe(), mode, pages, provisioning, scale, bulk, five, fifty);
await report.WriteAsync(Path.Combine(Repository.Root, "bench", "results", "latest.json"));
Progress.Step("Done");
report.Print();
Console.WriteLine();
Console.WriteLine("Written to bench/results/latest.json");
return 0;

static async Task<(ColdStartResult Five, ColdStartResult Fifty)> MeasureColdStartsAsync(string work, BenchMode mode)
{
    Progress.Step("Cold start (the published portal) ...");
    var coldData = Path.Combine(work, "cold");
    await (await PortalProcess.StartAsync(coldData, assembly: ColdStart.PublishedPortal)).DisposeAsync(); // initialise its PostgreSQL once: later starts are cold, not first
    var five = await ColdStart.MeasureAsync(coldData, Path.Combine(Repository.Root, "plugins"), 5, mode.ColdStartRuns);
    var fifty = await ColdStart.MeasureAsync(coldData, ColdStart.PluginsWith(50, work), 50, mode.ColdStartRuns);
    return (five, fifty);
}

static string Runs(ColdStartResult result) => "(" + string.Join(", ", result.Seconds.Select(s => s.ToString("0.00"))) + ")";

static async Task<(IReadOnlyList<PageResult>, ProvisioningResult, ScaleResult, BulkInvitationsResult)> MeasureServingAsync(string data, BenchMode mode, bool pagesOnly)
{
    Directory.CreateDirectory(data);
    var settings = new Dictionary<string, string> { ["Identity__SignInAttemptsPerMinute"] = "1000" };
    if (mode.Profile)
    {
        settings["DOTNET_PerfMapEnabled"] = "1"; // perf can then name JIT-compiled methods ...
        settings["DOTNET_EnableWriteXorExecute"] = "0"; // ... found at the addresses the map gives, not in a double mapping
    }

    await using var portal = await PortalProcess.StartAsync(data, settings: settings);
    using var superAdmin = await PortalClient.SignedInAsync(portal);

    Progress.Step($"Provisioning: {mode.SequentialOrganizations} one after another, then 10 at once ...");
    var provisioning = await Provisioning.MeasureAsync(portal, superAdmin, mode.SequentialOrganizations);

    var homeSlug = Provisioning.SequentialSlug(1);
    Progress.Step($"Filling to {mode.ScaleOrganizations} organizations (databases copied from {homeSlug}'s) and 50 members ...");
    await FastPath.FillOrganizationsAsync(portal, homeSlug, mode.ScaleOrganizations);
    await FastPath.AddMembersAsync(portal, homeSlug, 50);

    Progress.Step("Pages at 32 connections ...");
    var pages = await Pages.MeasureAsync(portal, homeSlug, mode);
    if (pagesOnly)
    {
        return (pages, provisioning, null!, null!);
    }

    Progress.Step($"Scale: every home round-robin for {mode.ScaleDuration.TotalSeconds:0} s ...");
    var slugs = await PortalDatabase.ColumnAsync(portal, "SELECT \"Slug\" FROM \"Organizations\" WHERE \"Status\" = 'Active' ORDER BY \"Slug\"");
    var scale = await Scale.MeasureAsync(portal, superAdmin, slugs, mode);

    Progress.Step("Bulk invitations: a list of 1,000 people previewed, then sent ...");
    var bulk = await BulkInvitations.MeasureAsync(portal, homeSlug, 1000);
    return (pages, provisioning, scale, bulk);
}

// The bulk invitations alone on one new organization, printed, nothing written: a quicker loop while working on them.
static async Task<int> MeasureBulkInvitationsAloneAsync()
{
    using var folder = new WorkFolder("marketedge-bench-");
    await using var portal = await PortalProcess.StartAsync(folder.Path);
    using (var superAdmin = await PortalClient.SignedInAsync(portal))
    {
        await superAdmin.CreateOrganizationAsync("Bulk Cinemas", "bulk");
    }

    await using (var catalog = await FastPath.OpenAsync(portal, PortalDatabase.Catalog))
    {
        await Provisioning.WaitUntilActiveAsync(catalog, ["bulk"]);
    }

    var bulk = await BulkInvitations.MeasureAsync(portal, "bulk", 1000);
    Console.WriteLine($"bulk invitations: {bulk.Rows:N0} rows previewed in {bulk.PreviewS:0.00} s, sent in {bulk.SendS:0.00} s");
    return 0;
}
