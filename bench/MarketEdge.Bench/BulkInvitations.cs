using System.Diagnostics;
using System.Net;
using System.Text;
using MarketEdge.EndToEnd.Tests.Support;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Bench;

public sealed record BulkInvitationsResult(int Rows, double PreviewS, double SendS);

/// <summary>
/// A list of 1,000 people invited as an Admin would: the file uploaded until its preview is ready (every line
/// judged and kept), then the confirmation until the background job has sent the last invitation.
/// </summary>
public static class BulkInvitations
{
    public static async Task<BulkInvitationsResult> MeasureAsync(PortalProcess portal, string slug, int rows)
    {
        using var admin = await PortalClient.SignedInAsync(portal, host: $"{slug}.localhost");
        var list = "email,name,role\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"listed-{i}@{slug}.test,Listed Person {i},User\n"));

        var clock = Stopwatch.StartNew();
        var preview = await admin.PostFileAsync("/users/import", "/users/import", "file", "people.csv", Encoding.UTF8.GetBytes(list));
        var previewS = clock.Elapsed.TotalSeconds;
        if (preview.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The list's preview answered {(int)preview.StatusCode}.");
        }

        var batchPath = preview.Headers.Location!.OriginalString;
        var batchId = batchPath[(batchPath.LastIndexOf('/') + 1)..];
        clock.Restart();
        var send = await admin.PostFormAsync(batchPath, $"{batchPath}?handler=Send");
        if (send.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sending the list answered {(int)send.StatusCode}.");
        }

        await Eventually.ReachedAsync(
            () => PortalDatabase.ScalarAsync<string>(portal, """SELECT "Status" FROM "InvitationBatches" WHERE "Id" = @id::uuid""", parameters: ("id", batchId)),
            status => status == "Finished", TimeSpan.FromMinutes(3), status => $"The list was still {status} after 3 minutes.");
        var sendS = clock.Elapsed.TotalSeconds;
        var invited = await PortalDatabase.CountAsync(portal, $"""SELECT count(*) FROM "Invitations" WHERE "Email" LIKE 'listed-%@{slug}.test'""");
        return invited == rows ? new BulkInvitationsResult(rows, previewS, sendS) : throw new InvalidOperationException($"{invited} of {rows} invited.");
    }
}
