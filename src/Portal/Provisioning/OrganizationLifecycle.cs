using MarketEdge.Portal.Tenancy;
using Npgsql;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.IndustryPacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>
/// What super admins do to an existing organization, each checked, saved (which drops the cached
/// organization at once) and written to the audit trail. Each returns null on success, else why not.
/// </summary>
public sealed class OrganizationLifecycle(
    CatalogDbContext catalog,
    PackRegistry packs,
    SicCatalogue sic,
    ProvisioningJobs provisioning,
    ISchedulerFactory schedulers,
    AuditLog audit,
    TimeProvider clock,
    IOptions<Tenancy.TenancyOptions> tenancy,
    Database.DatabaseServers servers)
{
    public async Task<Refusal?> RenameAsync(Organization organization, string? name, Guid? actor, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new Refusal("Enter the organization's name.");
        }

        if (trimmed.Length > Organization.NameMaxLength)
        {
            return new Refusal($"Keep the name under {Organization.NameMaxLength} characters.");
        }

        var old = organization.Name;
        organization.Name = trimmed;
        await SaveAsync(organization, "organization.renamed", $"{old} → {trimmed}", actor, cancellationToken);
        return null;
    }

    /// <summary>Moves the organization to another pack and/or SIC code; its data stays, overrides of flags the new pack lacks go.</summary>
    public async Task<Refusal?> ChangeIndustryAsync(Organization organization, string? packId, string? sicCode, Guid? actor, CancellationToken cancellationToken)
    {
        var pack = packs.Find(packId);
        if (pack is null)
        {
            return new Refusal("Choose one of the loaded industry packs.");
        }

        if (sic.Find(sicCode) is not { } code)
        {
            return new Refusal($"“{sicCode?.Trim()}” is not a UK SIC 2007 code.");
        }

        var keys = pack.Pack.FeatureFlags.Select(f => f.Key).ToHashSet();
        var stale = await catalog.FeatureFlagOverrides.Where(o => o.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        catalog.FeatureFlagOverrides.RemoveRange(stale.Where(o => !keys.Contains(o.FlagKey)));
        var details = $"pack {organization.PackId} → {pack.Pack.Id}, SIC {organization.SicCode} → {code.Code}";
        organization.PackId = pack.Pack.Id;
        organization.SicCode = code.Code;
        await SaveAsync(organization, "organization.industry-changed", details, actor, cancellationToken);
        return null;
    }

    /// <summary>Sets a flag on or off for this organization, or (null) goes back to the pack's default.</summary>
    public async Task<Refusal?> SetFlagAsync(Organization organization, string key, bool? enabled, Guid? actor, CancellationToken cancellationToken)
    {
        if (packs.Find(organization.PackId)?.Pack.FeatureFlags.Any(f => f.Key == key) != true)
        {
            return new Refusal("That feature flag does not belong to this organization's pack.");
        }

        var existing = await catalog.FeatureFlagOverrides.FindAsync([organization.Id, key], cancellationToken);
        if (enabled is null)
        {
            if (existing is not null)
            {
                catalog.FeatureFlagOverrides.Remove(existing);
            }
        }
        else if (existing is null)
        {
            catalog.FeatureFlagOverrides.Add(new FeatureFlagOverride { OrganizationId = organization.Id, FlagKey = key, Enabled = enabled.Value, SetByUserId = actor });
        }
        else
        {
            existing.Enabled = enabled.Value;
            existing.SetAt = clock.GetUtcNow();
            existing.SetByUserId = actor;
        }

        var what = enabled switch { true => "on", false => "off", null => "pack default" };
        await SaveAsync(organization, "organization.flag-set", $"{key}: {what}", actor, cancellationToken);
        return null;
    }

    public Task<Refusal?> SuspendAsync(Organization organization, Guid? actor, CancellationToken cancellationToken) =>
        MoveAsync(organization, OrganizationStatus.Active, OrganizationStatus.Suspended, "organization.suspended", actor, cancellationToken);

    public Task<Refusal?> ReactivateAsync(Organization organization, Guid? actor, CancellationToken cancellationToken) =>
        MoveAsync(organization, OrganizationStatus.Suspended, OrganizationStatus.Active, "organization.reactivated", actor, cancellationToken);

    /// <summary>Archives (members are shut out at once) and schedules the database's deletion after Tenancy:DeleteAfter.</summary>
    public async Task<Refusal?> ArchiveAsync(Organization organization, string? confirmation, Guid? actor, CancellationToken cancellationToken)
    {
        if (confirmation?.Trim() != organization.Slug)
        {
            return new Refusal($"Type “{organization.Slug}” to confirm.");
        }

        if (organization.Status is not (OrganizationStatus.Active or OrganizationStatus.Suspended or OrganizationStatus.Failed))
        {
            return new Refusal($"A {organization.Status.ToString().ToLowerInvariant()} organization cannot be archived.");
        }

        var due = clock.GetUtcNow() + tenancy.Value.DeleteAfter;
        // Scheduled first: if saving then fails, the job finds the organization not archived and does nothing;
        // the other way round, an archive whose deletion never got scheduled would keep its database for ever.
        var job = JobBuilder.Create<DropOrganizationDatabaseJob>()
            .WithIdentity(DropOrganizationDatabaseJob.KeyFor(organization.Id))
            .UsingJobData(DropOrganizationDatabaseJob.OrganizationIdKey, organization.Id.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(job).StartAt(due).Build();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);

        organization.StatusBeforeArchive = organization.Status;
        organization.Status = OrganizationStatus.Archived;
        organization.DeletionDueAt = due;
        await SaveAsync(organization, "organization.archived", $"database deletion due {due:u}", actor, cancellationToken);
        return null;
    }

    /// <summary>Cancels a pending archive: the deletion is unscheduled and the organization is as it was before (open, suspended or failed).</summary>
    public Task<Refusal?> CancelArchiveAsync(Organization organization, Guid? actor, CancellationToken cancellationToken) =>
        UnderOrganizationLockAsync(organization.Id, async () =>
        {
            await catalog.Entry(organization).ReloadAsync(cancellationToken); // as it is now, not as the page read it
            if (organization is not { Status: OrganizationStatus.Archived, DatabaseDroppedAt: null })
            {
                return new Refusal("Only an archived organization whose database still exists can be brought back.");
            }

            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.DeleteJob(DropOrganizationDatabaseJob.KeyFor(organization.Id), cancellationToken);
            organization.Status = organization.StatusBeforeArchive ?? OrganizationStatus.Active;
            organization.StatusBeforeArchive = null;
            organization.DeletionDueAt = null;
            await SaveAsync(organization, "organization.archive-cancelled", $"back to {organization.Status}", actor, cancellationToken);
            return (Refusal?)null;
        }, cancellationToken);

    /// <summary>Drops an archived organization's database once its grace period is over; false when it was cancelled, already dropped or not due.</summary>
    public Task<bool> DropDatabaseIfDueAsync(Guid organizationId, CancellationToken cancellationToken) =>
        UnderOrganizationLockAsync(organizationId, () => DropIfDueAsync(organizationId, cancellationToken), cancellationToken);

    private async Task<bool> DropIfDueAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await catalog.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is not { Status: OrganizationStatus.Archived, DatabaseDroppedAt: null, DeletionDueAt: { } due } || due > clock.GetUtcNow())
        {
            return false; // cancelled, already dropped, or not due yet
        }

        var target = new NpgsqlConnectionStringBuilder(servers.ConnectionStringFor(TenantInfo.From(organization)));
        await PostgresDatabases.DropIfExistsAsync(target.ConnectionString, cancellationToken);

        organization.DatabaseDroppedAt = clock.GetUtcNow();
        await SaveAsync(organization, "organization.database-dropped", target.Database, actor: null, cancellationToken);
        return true;
    }

    /// <summary>Starts provisioning again after it failed; steps already done are found done.</summary>
    public async Task<Refusal?> RetryProvisioningAsync(Organization organization, Guid? actor, CancellationToken cancellationToken)
    {
        if (organization.Status != OrganizationStatus.Failed)
        {
            return new Refusal("Only an organization whose provisioning failed can be retried.");
        }

        organization.Status = OrganizationStatus.Provisioning;
        organization.FailureReason = null;
        await SaveAsync(organization, "organization.provisioning-retried", null, actor, cancellationToken);
        await provisioning.ScheduleAsync(organization.Id, cancellationToken);
        return null;
    }

    private async Task<Refusal?> MoveAsync(
        Organization organization, OrganizationStatus from, OrganizationStatus to, string action, Guid? actor, CancellationToken cancellationToken)
    {
        if (organization.Status != from)
        {
            return new Refusal($"Only a {from.ToString().ToLowerInvariant()} organization can be made {to.ToString().ToLowerInvariant()}.");
        }

        organization.Status = to;
        await SaveAsync(organization, action, null, actor, cancellationToken);
        return null;
    }

    /// <summary>
    /// Runs <paramref name="act"/> holding the organization's lifecycle lock (a transaction-scoped advisory lock),
    /// so a cancelled archive and its database's drop never interleave: one of them happens whole, then the other sees it.
    /// </summary>
    private async Task<T> UnderOrganizationLockAsync<T>(Guid organizationId, Func<Task<T>> act, CancellationToken cancellationToken)
    {
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        await catalog.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({"lifecycle:" + organizationId.ToString("N")}, 0))", cancellationToken);
        var result = await act();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task SaveAsync(Organization organization, string action, string? details, Guid? actor, CancellationToken cancellationToken)
    {
        audit.Add(action, actor, organization.Id, details);
        await catalog.SaveChangesAsync(cancellationToken);
    }
}
