using System.Text.Json;
using System.Text.Json.Nodes;
using static MarketEdge.Bench.Statistics;

namespace MarketEdge.Bench;

public sealed record Target(string Name, double Value, string Comparison, double Limit)
{
    public bool Met => Comparison == "<=" ? Value <= Limit : Value >= Limit;
}

/// <summary>bench/results/latest.json and the table printed at the end: the same figures.</summary>
public sealed record Report(string Machine, BenchMode Mode, IReadOnlyList<PageResult> Pages, ProvisioningResult Provisioning,
    ScaleResult Scale, BulkInvitationsResult Bulk, ColdStartResult ColdStart5, ColdStartResult ColdStart50)
{
    private PageResult Page(string name) => Pages.Single(p => p.Name == name);

    public IReadOnlyList<Target> Targets =>
    [
        new("organization home p99 (subdomain), ms", Page("home_host").Load.P99Ms, "<=", 20),
        new("organization home p99 (route), ms", Page("home_route").Load.P99Ms, "<=", 20),
        new("organization home throughput (subdomain) / sign-in page", Page("home_host").RatioToSignIn, ">=", 0.5),
        new("organization home throughput (route) / sign-in page", Page("home_route").RatioToSignIn, ">=", 0.5),
        new("users page (50 members) throughput / sign-in page", Page("users_page").RatioToSignIn, ">=", 0.3),
        new("users page (50 members) p99, ms", Page("users_page").Load.P99Ms, "<=", 30),
        new("organization list (1,000) throughput / sign-in page", Page("org_list_1000").RatioToSignIn, ">=", 0.3),
        new("organization list (1,000) p99, ms", Page("org_list_1000").Load.P99Ms, "<=", 30),
        new("competitors page throughput / sign-in page", Page("competitors").RatioToSignIn, ">=", 0.3),
        new("competitors page p99, ms", Page("competitors").Load.P99Ms, "<=", 30),
        new("provisioning p95, submit to Active, s", Provisioning.SequentialP95S, "<=", 1.5),
        new($"{Scale.Organizations} organizations: errors", Scale.Load.Errors, "<=", 0),
        new($"{Scale.Organizations} organizations: portal memory, MB", Scale.PortalMemoryPeakMb, "<=", 300),
        new($"{Scale.Organizations} organizations: PostgreSQL connections", Scale.PostgresConnectionsPeak, "<=", 80),
        new("cold start with five packs, s", ColdStart5.MedianS, "<=", 2),
        new($"bulk invitations: preview of {Bulk.Rows:N0} rows, s", Bulk.PreviewS, "<=", 2),
        new($"bulk invitations: sending {Bulk.Rows:N0}, s", Bulk.SendS, "<=", 30),
    ];

    public JsonObject ToJson()
    {
        var pages = new JsonObject
        {
            ["floor_rps"] = Round(Page(Bench.Pages.Floor).Load.Rps, 0),
            ["signin_rps"] = Round(Page(Bench.Pages.SignIn).Load.Rps, 0),
            ["signin_p99_ms"] = Round(Page(Bench.Pages.SignIn).Load.P99Ms),
            ["health_rps"] = Round(Page("health").Load.Rps, 0),
            ["home_host_rps"] = Round(Page("home_host").Load.Rps, 0),
            ["home_host_p99_ms"] = Round(Page("home_host").Load.P99Ms),
            ["home_route_rps"] = Round(Page("home_route").Load.Rps, 0),
            ["home_route_p99_ms"] = Round(Page("home_route").Load.P99Ms),
            ["users_page_p99_ms"] = Round(Page("users_page").Load.P99Ms),
            ["org_list_1000_p99_ms"] = Round(Page("org_list_1000").Load.P99Ms),
            ["competitors_p99_ms"] = Round(Page("competitors").Load.P99Ms),
            ["connections"] = 32,
            ["each"] = new JsonObject(Pages.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Name, new JsonObject
            {
                ["what"] = p.Description,
                ["rps"] = Round(p.Load.Rps, 0),
                ["ratio_to_floor"] = Round(p.RatioToFloor, 3),
                ["ratio_to_signin"] = Round(p.RatioToSignIn, 3),
                ["p50_ms"] = Round(p.Load.P50Ms),
                ["p95_ms"] = Round(p.Load.P95Ms),
                ["p99_ms"] = Round(p.Load.P99Ms),
                ["max_ms"] = Round(p.Load.MaxMs),
                ["requests"] = p.Load.Requests,
                ["errors"] = p.Load.Errors,
            }))),
        };
        return new JsonObject
        {
            ["machine"] = Machine,
            ["mode"] = Mode.Name,
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["command"] = string.Join(' ', ["./bench.sh", .. Environment.GetCommandLineArgs().Skip(1)]),
            ["pages"] = pages,
            ["provisioning"] = new JsonObject
            {
                ["sequential"] = Provisioning.Sequential,
                ["sequential_p50_s"] = Round(Provisioning.SequentialP50S, 3),
                ["sequential_p95_s"] = Round(Provisioning.SequentialP95S, 3),
                ["sequential_max_s"] = Round(Provisioning.SequentialMaxS, 3),
                ["concurrent10_total_s"] = Round(Provisioning.Concurrent10TotalS, 3),
            },
            ["scale"] = new JsonObject
            {
                ["orgs"] = Scale.Organizations,
                ["seconds"] = Round(Scale.Load.Seconds, 1),
                ["requests"] = Scale.Load.Requests,
                ["rps"] = Round(Scale.Load.Rps, 0),
                ["errors"] = Scale.Load.Errors,
                ["pg_connections_peak"] = Scale.PostgresConnectionsPeak,
                ["pg_max_connections"] = Scale.PostgresMaxConnections,
                ["portal_memory_mb"] = Round(Scale.PortalMemoryPeakMb, 0),
                ["p50_ms"] = Round(Scale.Load.P50Ms),
                ["p95_ms"] = Round(Scale.Load.P95Ms),
                ["p99_ms"] = Round(Scale.Load.P99Ms),
            },
            ["bulk_invitations"] = new JsonObject
            {
                ["rows"] = Bulk.Rows,
                ["preview_s"] = Round(Bulk.PreviewS, 3),
                ["send_s"] = Round(Bulk.SendS, 3),
            },
            ["cold_start_s"] = new JsonObject
            {
                ["packs5"] = Round(ColdStart5.MedianS),
                ["packs50"] = Round(ColdStart50.MedianS),
                ["runs_packs5"] = new JsonArray(ColdStart5.Seconds.Select(s => (JsonNode?)Round(s)).ToArray()),
                ["runs_packs50"] = new JsonArray(ColdStart50.Seconds.Select(s => (JsonNode?)Round(s)).ToArray()),
            },
            ["targets"] = new JsonArray(Targets.Select(t => (JsonNode?)new JsonObject
            {
                ["what"] = t.Name,
                ["value"] = Round(t.Value, 3),
                ["limit"] = $"{t.Comparison} {t.Limit}",
                ["met"] = t.Met,
            }).ToArray()),
        };
    }

    public async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"MarketEdge benchmark ({Mode.Name}) on {Machine}");
        Console.WriteLine();
        Console.WriteLine($"{"page (32 connections)",-58} {"req/s",8} {"× floor",8} {"× signin",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"errors",7}");
        foreach (var p in Pages)
        {
            Console.WriteLine($"{p.Description,-58} {p.Load.Rps,8:0} {p.RatioToFloor,8:0.00} {p.RatioToSignIn,9:0.00} {p.Load.P50Ms,8:0.0} {p.Load.P95Ms,8:0.0} {p.Load.P99Ms,8:0.0} {p.Load.Errors,7}");
        }

        Console.WriteLine();
        Console.WriteLine($"provisioning, submit to Active: {Provisioning.Sequential} one after another p50 {Provisioning.SequentialP50S:0.000} s, " +
                          $"p95 {Provisioning.SequentialP95S:0.000} s, max {Provisioning.SequentialMaxS:0.000} s; 10 at once {Provisioning.Concurrent10TotalS:0.00} s in all");
        Console.WriteLine($"scale: {Scale.Organizations} organizations' homes round-robin for {Scale.Load.Seconds:0} s: {Scale.Load.Rps:0} req/s, " +
                          $"p99 {Scale.Load.P99Ms:0.0} ms, {Scale.Load.Errors} errors, PostgreSQL connections peak {Scale.PostgresConnectionsPeak} " +
                          $"(max_connections {Scale.PostgresMaxConnections}), portal memory peak {Scale.PortalMemoryPeakMb:0} MB");
        Console.WriteLine($"bulk invitations: {Bulk.Rows:N0} rows previewed in {Bulk.PreviewS:0.00} s, sent in {Bulk.SendS:0.00} s");
        Console.WriteLine($"cold start to /health 200: five packs {ColdStart5.MedianS:0.00} s, fifty packs {ColdStart50.MedianS:0.00} s (median of {ColdStart5.Seconds.Count})");
        Console.WriteLine();
        foreach (var target in Targets)
        {
            Console.WriteLine($"  {(target.Met ? "met   " : "MISSED")} {target.Name}: {target.Value:0.###} (target {target.Comparison} {target.Limit})");
        }
    }
}
