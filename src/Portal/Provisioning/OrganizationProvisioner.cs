using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Provisioning;

/// <summary>
/// The steps that turn a new organization into an active one, each recorded and each safe to run
/// again: a retry or a restart after a crash finishes the work without duplicates or leftovers.
/// </summary>
public sealed class OrganizationProvisioner(
    CatalogDbContext catalog,
    DatabaseServers servers,
    TenantDbContextFactory tenantDatabases,
    PackRegistry packs,
    PackSeeder seeder,
    Invitations invitations,
    AuditLog audit,
    TimeProvider clock,
    ILogger<OrganizationProvisioner> logger)
{
    public static readonly string[] StepNames =
        ["Create database", "Apply migrations", "Seed starter data", "Invite first admin", "Activate"];

    /// <summary>Runs every step; false when one failed (recorded, and on the last attempt the organization is marked Failed).</summary>
    public async Task<bool> RunAsync(Guid organizationId, bool lastAttempt, CancellationToken cancellationToken)
    {
        var organization = await catalog.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is not { Status: OrganizationStatus.Provisioning or OrganizationStatus.Failed })
        {
            return true; // gone, or already past provisioning: nothing left to do
        }

        var run = await StartRunAsync(organization, cancellationToken);
        var tenant = TenantInfo.From(organization);
        // The first admin's invitation (and its email) and the activation are saved together or not at all: nobody
        // is invited to an organization that never became Active.
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? activation = null;
        var steps = new Func<Task>[]
        {
            () => PostgresDatabases.CreateIfMissingAsync(servers.ConnectionStringFor(tenant), cancellationToken),
            () => tenantDatabases.MigrateAsync(tenant, cancellationToken),
            () => SeedAsync(organization, tenant, cancellationToken),
            async () =>
            {
                activation = await catalog.Database.BeginTransactionAsync(cancellationToken);
                await invitations.InviteFirstAdminAsync(organization, cancellationToken);
            },
            async () =>
            {
                run.Outcome = StepOutcome.Succeeded;
                run.FinishedAt = clock.GetUtcNow();
                organization.Status = OrganizationStatus.Active;
                organization.FailureReason = null;
                await catalog.SaveChangesAsync(cancellationToken);
                await activation!.CommitAsync(cancellationToken);
            },
        };

        for (var position = 0; position < steps.Length; position++)
        {
            var step = new ProvisioningStep { Position = position + 1, Name = StepNames[position] };
            run.Steps.Add(step);
            await catalog.SaveChangesAsync(cancellationToken);
            try
            {
                await steps[position]();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                if (activation is not null)
                {
                    await activation.DisposeAsync(); // rolled back: no invitation, no email, not Active
                }

                await RecordFailureAsync(organization, run, step, failure, lastAttempt, cancellationToken);
                return false;
            }

            step.Outcome = StepOutcome.Succeeded;
            step.FinishedAt = clock.GetUtcNow();
        }

        await activation!.DisposeAsync();
        await audit.RecordAsync("organization.provisioned", organizationId: organization.Id, details: organization.Slug, cancellationToken: cancellationToken);
        logger.LogInformation("Provisioned organization {Slug} in attempt {Attempt}", organization.Slug, run.Attempt);
        return true;
    }

    private async Task<ProvisioningRun> StartRunAsync(Organization organization, CancellationToken cancellationToken)
    {
        // A run cut short by a crash stays as it was left, marked so; the new run starts from the top.
        var unfinished = await catalog.ProvisioningRuns
            .Where(r => r.OrganizationId == organization.Id && r.Outcome == StepOutcome.Running)
            .Include(r => r.Steps)
            .ToListAsync(cancellationToken);
        foreach (var interrupted in unfinished)
        {
            interrupted.Outcome = StepOutcome.Failed;
            interrupted.Error = "Interrupted (the portal stopped during this run).";
            interrupted.FinishedAt = clock.GetUtcNow();
            foreach (var step in interrupted.Steps.Where(s => s.Outcome == StepOutcome.Running))
            {
                step.Outcome = StepOutcome.Failed;
                step.Error = "Interrupted.";
            }
        }

        var attempt = 1 + (await catalog.ProvisioningRuns.Where(r => r.OrganizationId == organization.Id)
            .MaxAsync(r => (int?)r.Attempt, cancellationToken) ?? 0);
        var run = new ProvisioningRun { OrganizationId = organization.Id, Attempt = attempt };
        catalog.ProvisioningRuns.Add(run);
        organization.Status = OrganizationStatus.Provisioning;
        await catalog.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task SeedAsync(Organization organization, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var pack = packs.Find(organization.PackId)
            ?? throw new InvalidOperationException($"The industry pack '{organization.PackId}' is not loaded (see Admin → Industry packs).");
        await seeder.SeedAsync(tenant, pack.Pack, cancellationToken);
    }

    private async Task RecordFailureAsync(
        Organization organization, ProvisioningRun run, ProvisioningStep step, Exception failure, bool lastAttempt, CancellationToken cancellationToken)
    {
        logger.LogError(failure, "Provisioning {Slug}: step '{Step}' failed", organization.Slug, step.Name);
        catalog.ChangeTracker.Clear(); // whatever the failed step left pending is not saved
        var reason = $"{step.Name}: {failure.Message}";
        var recorded = await catalog.ProvisioningSteps.Where(s => s.Id == step.Id && step.Id != 0).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Outcome, StepOutcome.Failed)
            .SetProperty(s => s.FinishedAt, clock.GetUtcNow())
            .SetProperty(s => s.Error, Truncate(failure.Message)), cancellationToken);
        if (recorded == 0) // the step was saved inside the activation's transaction, rolled back with it
        {
            catalog.ProvisioningSteps.Add(new ProvisioningStep
            {
                RunId = run.Id, Position = step.Position, Name = step.Name, StartedAt = step.StartedAt,
                FinishedAt = clock.GetUtcNow(), Outcome = StepOutcome.Failed, Error = Truncate(failure.Message),
            });
            await catalog.SaveChangesAsync(cancellationToken);
        }

        await catalog.ProvisioningRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Outcome, StepOutcome.Failed)
            .SetProperty(r => r.FinishedAt, clock.GetUtcNow())
            .SetProperty(r => r.Error, Truncate(reason)), cancellationToken);
        if (lastAttempt)
        {
            var failed = await catalog.Organizations.SingleAsync(o => o.Id == organization.Id, cancellationToken);
            failed.Status = OrganizationStatus.Failed;
            failed.FailureReason = Truncate(reason);
            await catalog.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("organization.provisioning-failed", organizationId: organization.Id, details: Truncate(reason), cancellationToken: cancellationToken);
        }
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
