using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Catalog;

/// <summary>The platform's own database: organizations, accounts, memberships and the audit trail.</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<PortalUser>(user =>
            user.Property(u => u.DisplayName).HasMaxLength(PortalUser.DisplayNameMaxLength));

        builder.Entity<Organization>(organization =>
        {
            organization.Property(o => o.Slug).HasMaxLength(Tenancy.OrganizationSlug.MaxLength);
            organization.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
            organization.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            organization.HasIndex(o => o.Slug).IsUnique();
        });

        builder.Entity<Membership>(membership =>
        {
            membership.HasKey(m => new { m.OrganizationId, m.UserId });
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            membership.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            membership.HasOne(m => m.Organization).WithMany(o => o.Memberships).HasForeignKey(m => m.OrganizationId);
            membership.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
            membership.HasIndex(m => m.UserId);
        });

        builder.Entity<AuditEvent>(audit =>
        {
            audit.Property(a => a.Action).HasMaxLength(100);
            audit.Property(a => a.Details).HasMaxLength(2000);
            audit.HasIndex(a => new { a.OrganizationId, a.OccurredAt });
        });
    }
}
