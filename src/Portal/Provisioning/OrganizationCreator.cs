using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Provisioning;

/// <summary>Checks a new organization beyond its form (slug, pack, SIC code), creates it and hands it to provisioning.</summary>
public sealed class OrganizationCreator(
    CatalogDbContext catalog, PackRegistry packs, SicCatalogue sic, DatabaseServers servers, ProvisioningJobs jobs, AuditLog audit)
{
    /// <summary>Field name → message for what is wrong; empty when the organization can be created.</summary>
    public async Task<Dictionary<string, string>> CheckAsync(NewOrganization input, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        if (await SlugProblemAsync(input.Slug, cancellationToken) is { } slugProblem)
        {
            problems[nameof(NewOrganization.Slug)] = slugProblem;
        }

        if (!string.IsNullOrEmpty(input.PackId) && packs.Find(input.PackId) is null)
        {
            problems[nameof(NewOrganization.PackId)] = "Choose one of the loaded industry packs.";
        }

        if (!string.IsNullOrEmpty(input.SicCode) && sic.Find(input.SicCode) is null)
        {
            problems[nameof(NewOrganization.SicCode)] = $"“{input.SicCode.Trim()}” is not a UK SIC 2007 code: type its five digits or pick one from the list.";
        }

        return problems;
    }

    /// <summary>Why the slug cannot be used, or null when it is well formed, not reserved and free.</summary>
    public async Task<string?> SlugProblemAsync(string? slug, CancellationToken cancellationToken) =>
        OrganizationSlug.Problem(slug)
        ?? (await catalog.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken) ? $"“{slug}” is already taken." : null);

    /// <summary>Creates the organization (status Provisioning) and schedules its provisioning; null when the slug was taken meanwhile.</summary>
    public async Task<Organization?> CreateAsync(NewOrganization input, Guid? actorUserId, CancellationToken cancellationToken)
    {
        var organization = new Organization
        {
            Name = input.Name.Trim(),
            Slug = input.Slug,
            PackId = input.PackId,
            SicCode = input.SicCode.Trim(),
            FirstAdminEmail = input.FirstAdminEmail.Trim(),
            DatabaseServer = await servers.LeastLoadedAsync(catalog, cancellationToken),
        };
        catalog.Organizations.Add(organization);
        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            catalog.Entry(organization).State = EntityState.Detached;
            return null;
        }

        await audit.RecordAsync("organization.created", actorUserId, organization.Id,
            $"{organization.Name} ({organization.Slug}), pack {organization.PackId}, SIC {organization.SicCode}", cancellationToken);
        await jobs.ScheduleAsync(organization.Id, cancellationToken);
        return organization;
    }
}
