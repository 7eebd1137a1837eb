using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Provisioning;

/// <summary>Checks a new organization beyond its form (slug, pack, SIC code), creates it and hands it to provisioning.</summary>
public sealed class OrganizationCreator(
    CatalogDbContext catalog, PackRegistry packs, SicCatalogue sic, SicSearch search, DatabaseServers servers, ProvisioningJobs jobs, AuditLog audit)
{
    /// <summary>What is wrong, each beside its field (a property of <see cref="NewOrganization"/>); empty when the organization can be created.</summary>
    public async Task<List<Refusal>> CheckAsync(NewOrganization input, CancellationToken cancellationToken)
    {
        var problems = new List<Refusal>();
        if (await SlugProblemAsync(input.Slug, cancellationToken) is { } slugProblem)
        {
            problems.Add(new Refusal(slugProblem, nameof(NewOrganization.Slug)));
        }

        if (!string.IsNullOrEmpty(input.PackId) && packs.Find(input.PackId) is null)
        {
            problems.Add(new Refusal("Choose one of the loaded industry packs.", nameof(NewOrganization.PackId)));
        }

        if (!string.IsNullOrEmpty(input.SicCode) && sic.Find(input.SicCode) is null)
        {
            problems.Add(new Refusal(SicCodeProblem(input.SicCode), nameof(NewOrganization.SicCode)));
        }

        return problems;
    }

    /// <summary>Why what was typed in the SIC field is not a code: digits that are none, or words, which the suggestions turn into one.</summary>
    private string SicCodeProblem(string typed)
    {
        if (typed.Trim().All(char.IsAsciiDigit))
        {
            return "This is not a UK SIC 2007 code: type its five digits or choose one of the suggestions.";
        }

        return search.Search(typed, limit: 2).Count switch
        {
            0 => "No SIC 2007 code matches these words: try others, or type the code's five digits.",
            1 => "These words match one code: choose it from the suggestions.",
            _ => "These words match several codes: choose one of the suggestions.",
        };
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
