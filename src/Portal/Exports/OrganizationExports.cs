using System.IO.Compression;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Setup;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MarketEdge.Portal.Exports;

/// <summary>
/// Exports of the resolved organization, for its Admins and super admins (the only people who may request one,
/// see one, or download one): requested here, made by <see cref="ExportOrganizationJob"/> — the organization's
/// database with pg_dump (custom format, from the PostgreSQL install the portal uses), its members, invitations
/// and audit log as CSV, in one zip — kept 24 hours in the data folder, then deleted by <see cref="DeleteExportJob"/>.
/// </summary>
public sealed class OrganizationExports(
    CatalogDbContext catalog, TenantContext tenant, MemberRoles roles, AuditLog audit, TimeProvider clock, ISchedulerFactory schedulers,
    IOptions<PortalOptions> portal, DatabaseServers servers, OrganizationPeople people, AuditTrail auditTrail, IHttpContextAccessor http,
    ILogger<OrganizationExports> logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);
    public const int MostPerDay = 5;
    private static readonly TimeSpan StalledAfter = TimeSpan.FromHours(1);
    private static readonly Refusal InProgress = new("An export is already being made: it is shown below.");
    private static readonly TimeSpan DumpTimeout = TimeSpan.FromMinutes(30);
    private static readonly Refusal NotAnAdmin = new("Only the organization's admins export it.");

    public Task<bool> CanExportAsync(CancellationToken cancellationToken) => roles.CanManageAsync(cancellationToken);

    /// <summary>The organization's recent exports, newest first.</summary>
    public async Task<IReadOnlyList<OrganizationExport>> RecentAsync(CancellationToken cancellationToken) =>
        await catalog.OrganizationExports.AsNoTracking()
            .Where(e => e.OrganizationId == tenant.RequiredOrganization.Id)
            .OrderByDescending(e => e.RequestedAt).Take(10)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Queues an export of the organization: one at a time (a unique index decides between racing requests), at most
    /// <see cref="MostPerDay"/> in 24 hours. One that has shown no end for an hour is set aside as failed first.
    /// </summary>
    public async Task<Refusal?> RequestAsync(CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var now = clock.GetUtcNow();
        await catalog.OrganizationExports
            .Where(e => e.OrganizationId == organizationId && e.RequestedAt < now - StalledAfter
                && (e.Status == OrganizationExportStatus.Queued || e.Status == OrganizationExportStatus.Running))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, OrganizationExportStatus.Failed).SetProperty(e => e.Step, (string?)null)
                .SetProperty(e => e.Error, "The export stopped before the end. Ask for a new one."), cancellationToken);
        if (await catalog.OrganizationExports.CountAsync(e => e.OrganizationId == organizationId && e.RequestedAt > now - KeptFor, cancellationToken) >= MostPerDay)
        {
            return new Refusal($"An organization can be exported at most {MostPerDay} times in 24 hours: download the latest archive below.");
        }

        var export = new OrganizationExport
        {
            OrganizationId = organizationId,
            RequestedByUserId = Caller,
            RequestedAt = now,
            Status = OrganizationExportStatus.Queued,
            Step = "Waiting for a worker",
        };
        catalog.OrganizationExports.Add(export);
        audit.Add("organization.export-requested", Caller, organizationId);
        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return InProgress;
        }

        try
        {
            var scheduler = await schedulers.GetScheduler(CancellationToken.None);
            var job = JobBuilder.Create<ExportOrganizationJob>()
                .WithIdentity(ExportOrganizationJob.KeyFor(export.Id))
                .UsingJobData(ExportOrganizationJob.ExportIdKey, export.Id.ToString())
                .RequestRecovery()
                .Build();
            await scheduler.ScheduleJob(job, [TriggerBuilder.Create().ForJob(job).StartNow().Build()], new ScheduleJobOptions { Replace = true }, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Scheduling export {ExportId} failed", export.Id);
            export.Status = OrganizationExportStatus.Failed;
            export.Step = null;
            export.Error = "The export could not be started. Try again in a moment.";
            await catalog.SaveChangesAsync(CancellationToken.None);
        }

        return null;
    }

    /// <summary>The archive of export <paramref name="exportId"/> of the resolved organization, while it is kept; audited.</summary>
    public async Task<(string Path, string DownloadName)?> DownloadAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganization;
        var now = clock.GetUtcNow();
        var export = await catalog.OrganizationExports.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == exportId && e.OrganizationId == organization.Id, cancellationToken);
        if (export is not { Status: OrganizationExportStatus.Ready, DeletedAt: null } || export.ExpiresAt <= now || !File.Exists(ArchivePath(export.Id)))
        {
            return null;
        }

        await audit.RecordAsync("organization.export-downloaded", Caller, organization.Id, $"export {export.Id:N}", cancellationToken);
        return (ArchivePath(export.Id), $"{organization.Slug}-export-{export.RequestedAt.UtcDateTime:yyyyMMdd-HHmm}.zip");
    }

    /// <summary>Makes export <paramref name="exportId"/> (the job's work); a failure is kept on the export in words, never thrown past it.</summary>
    public async Task RunAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var export = await catalog.OrganizationExports.SingleOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        var organization = export is null ? null : await catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == export.OrganizationId, cancellationToken);
        if (export is null || organization is null || export.Status is OrganizationExportStatus.Ready or OrganizationExportStatus.Failed)
        {
            return;
        }

        var work = Directory.CreateDirectory(Path.Combine(Folder, $"{export.Id:N}-{Guid.NewGuid():N}.parts")).FullName; // one per attempt
        var archive = ArchivePath(export.Id);
        try
        {
            export.Status = OrganizationExportStatus.Running;
            await StepAsync(export, "Copying the database", cancellationToken);
            if (organization.Status != OrganizationStatus.Active)
            {
                throw new ExportException("Only an active organization can be exported.");
            }

            Dump(TenantInfo.From(organization), Path.Combine(work, "database.dump"));

            await StepAsync(export, "Writing members, invitations and the audit log", cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(work, "members.csv"), await people.CsvAsync(organization.Id, cancellationToken), cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(work, "invitations.csv"), await people.InvitationsCsvAsync(organization.Id, clock.GetUtcNow(), cancellationToken), cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(work, "audit-log.csv"),
                await auditTrail.CsvAsync(organization.Id, new AuditFilter(null, null, null, null), cancellationToken, most: int.MaxValue), cancellationToken);

            await StepAsync(export, "Packing the archive", cancellationToken);
            var packed = Path.Combine(work, "..", $"{Path.GetFileName(work)}.zip");
            ZipFile.CreateFromDirectory(work, packed, CompressionLevel.Fastest, includeBaseDirectory: false); // the dump is compressed already
            File.Move(packed, archive, overwrite: true); // whole or not at all

            var now = clock.GetUtcNow();
            export.Status = OrganizationExportStatus.Ready;
            export.Step = null;
            export.FinishedAt = now;
            export.ExpiresAt = now + KeptFor;
            export.SizeBytes = new FileInfo(archive).Length;
            await ScheduleDeletionAsync(export.Id, export.ExpiresAt.Value, cancellationToken);
            audit.Add("organization.export-made", organizationId: organization.Id, details: $"export {export.Id:N}, {export.SizeBytes} bytes");
            await catalog.SaveChangesAsync(cancellationToken);
            await DeleteOlderArchivesAsync(export, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Export {ExportId} of {Slug} failed", export.Id, organization.Slug);
            File.Delete(archive);
            export.Status = OrganizationExportStatus.Failed;
            export.Step = null;
            export.FinishedAt = clock.GetUtcNow();
            export.Error = failure is ExportException known ? known.Message : "The export could not be made. Try again; if it fails again, tell the platform's operators.";
            await catalog.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            File.Delete($"{work}.zip");
        }
    }

    /// <summary>Deletes the archive of an export whose 24 hours are over (the deletion job's work).</summary>
    public async Task DeleteIfExpiredAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var export = await catalog.OrganizationExports.SingleOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (export is not { DeletedAt: null })
        {
            return;
        }

        if (export.ExpiresAt > clock.GetUtcNow())
        {
            await ScheduleDeletionAsync(export.Id, export.ExpiresAt.Value, cancellationToken); // fired early (another process's clock): again when due
            return;
        }

        File.Delete(ArchivePath(export.Id));
        export.DeletedAt = clock.GetUtcNow();
        audit.Add("organization.export-deleted", organizationId: export.OrganizationId, details: $"export {export.Id:N}");
        await catalog.SaveChangesAsync(cancellationToken);
    }

    private Guid? Caller => http.HttpContext?.User.UserId();

    /// <summary>The data folder's exports, open to the portal's own user only (an archive holds a whole organization).</summary>
    private string Folder
    {
        get
        {
            var folder = Path.Combine(portal.Value.DataDirectory, "exports");
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return Directory.CreateDirectory(folder).FullName;
        }
    }

    private string ArchivePath(Guid exportId) => Path.Combine(Folder, $"{exportId:N}.zip");

    private async Task StepAsync(OrganizationExport export, string step, CancellationToken cancellationToken)
    {
        export.Step = step;
        await catalog.SaveChangesAsync(cancellationToken);
    }

    /// <summary>pg_dump of the organization's database, custom format, from the same PostgreSQL install the portal uses.</summary>
    private void Dump(TenantInfo organization, string file)
    {
        var connection = new NpgsqlConnectionStringBuilder(servers.ConnectionStringFor(organization));
        var pgDump = Path.Combine(PostgresInstallation.Find(portal.Value.PostgresBinDirectory).BinDirectory, "pg_dump");
        var environment = new Dictionary<string, string>
        {
            ["PGPASSWORD"] = connection.Password ?? "",
            ["PGCONNECT_TIMEOUT"] = "10",
            ["PGSSLMODE"] = connection.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
        };
        if (connection.RootCertificate is { Length: > 0 } rootCertificate)
        {
            environment["PGSSLROOTCERT"] = rootCertificate;
        }

        var dumped = ProcessRunner.Run(pgDump,
            ["--format=custom", "--no-owner", "--no-privileges", "--lock-wait-timeout=60000", $"--file={file}",
             $"--host={connection.Host}", $"--port={connection.Port}", $"--username={connection.Username}", $"--dbname={connection.Database}"],
            DumpTimeout,
            environment);
        if (!dumped.Succeeded)
        {
            logger.LogError("pg_dump of {Slug} failed ({ExitCode}): {Output}", organization.Slug, dumped.ExitCode, dumped.Output);
            throw new ExportException("The organization's database could not be copied. Try again; if it fails again, tell the platform's operators.");
        }
    }

    private async Task ScheduleDeletionAsync(Guid exportId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<DeleteExportJob>()
            .WithIdentity(DeleteExportJob.KeyFor(exportId))
            .UsingJobData(DeleteExportJob.ExportIdKey, exportId.ToString())
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(job).StartAt(at).Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>Only the newest archive of an organization is kept: the disk holds one copy of it, not one per request.</summary>
    private async Task DeleteOlderArchivesAsync(OrganizationExport newest, CancellationToken cancellationToken)
    {
        var older = await catalog.OrganizationExports
            .Where(e => e.OrganizationId == newest.OrganizationId && e.Id != newest.Id && e.Status == OrganizationExportStatus.Ready && e.DeletedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var export in older)
        {
            File.Delete(ArchivePath(export.Id));
            export.DeletedAt = clock.GetUtcNow();
            audit.Add("organization.export-deleted", organizationId: export.OrganizationId, details: $"export {export.Id:N}, replaced by a newer one");
        }

        await catalog.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A failure whose message is fit for the page.</summary>
    private sealed class ExportException(string message) : Exception(message);
}
