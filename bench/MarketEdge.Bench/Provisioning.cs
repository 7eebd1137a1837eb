using System.Diagnostics;
using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Npgsql;

namespace MarketEdge.Bench;

public sealed record ProvisioningResult(int Sequential, double SequentialP50S, double SequentialP95S, double SequentialMaxS, double Concurrent10TotalS);

/// <summary>Organizations created through the real form, timed from the submit to Active in the catalog.</summary>
public static class Provisioning
{
    private const string NewOrganization = "/admin/organizations/new";

    public static async Task<ProvisioningResult> MeasureAsync(PortalProcess portal, PortalClient superAdmin, int sequential)
    {
        await using var catalog = await FastPath.OpenAsync(portal, PortalDatabase.Catalog);
        var seconds = new List<double>();
        for (var n = 1; n <= sequential; n++)
        {
            var slug = SequentialSlug(n);
            var token = await superAdmin.FormTokenAsync(NewOrganization);
            var clock = Stopwatch.StartNew();
            await SubmitAsync(superAdmin, token, $"Sequential Cinemas {n:00}", slug);
            await WaitUntilActiveAsync(catalog, [slug]);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        var concurrent = Enumerable.Range(1, 10).Select(n => $"together-{n:00}").ToArray();
        var sharedToken = await superAdmin.FormTokenAsync(NewOrganization);
        var together = Stopwatch.StartNew();
        await Task.WhenAll(concurrent.Select(slug => SubmitAsync(superAdmin, sharedToken, $"Together {slug[^2..]}", slug)));
        await WaitUntilActiveAsync(catalog, concurrent);
        var concurrentSeconds = together.Elapsed.TotalSeconds;

        return new ProvisioningResult(sequential, Statistics.Median(seconds), Statistics.Percentile(seconds, 95), seconds.Max(), concurrentSeconds);
    }

    public static string SequentialSlug(int n) => $"seq-{n:00}";

    private static async Task SubmitAsync(PortalClient superAdmin, string token, string name, string slug)
    {
        using var response = await superAdmin.PostWithTokenAsync(token, NewOrganization, PortalClient.NewOrganizationFields(name, slug));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Creating {slug} answered {(int)response.StatusCode}, not a redirect to its page.");
        }
    }

    /// <summary>Polls the catalog until every one of <paramref name="slugs"/> is Active; a Failed one stops the benchmark with its reason.</summary>
    public static async Task WaitUntilActiveAsync(NpgsqlConnection catalog, string[] slugs, int timeoutSeconds = 120)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed.TotalSeconds < timeoutSeconds)
        {
            await using var query = new NpgsqlCommand(
                "SELECT \"Slug\", \"Status\", \"FailureReason\" FROM \"Organizations\" WHERE \"Slug\" = ANY(@slugs)", catalog);
            query.Parameters.AddWithValue("slugs", slugs);
            var active = 0;
            await using (var rows = await query.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    active += rows.GetString(1) == "Active" ? 1 : 0;
                    if (rows.GetString(1) == "Failed")
                    {
                        throw new InvalidOperationException($"{rows.GetString(0)} failed to provision: {(rows.IsDBNull(2) ? "" : rows.GetString(2))}");
                    }
                }
            }

            if (active == slugs.Length)
            {
                return;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"Not all of {string.Join(", ", slugs)} became Active within {timeoutSeconds} s.");
    }
}
