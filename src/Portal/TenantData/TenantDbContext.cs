using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.TenantData;

/// <summary>One organization's own database. Built only by <see cref="TenantDbContextFactory"/>, for a known organization.</summary>
public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options) : DbContext(options)
{
    public DbSet<Competitor> Competitors => Set<Competitor>();

    public DbSet<Offering> Offerings => Set<Offering>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<Competitor>(competitor =>
        {
            competitor.Property(c => c.Name).HasMaxLength(Competitor.NameMaxLength);
            competitor.Property(c => c.Location).HasMaxLength(200);
            competitor.HasIndex(c => c.Name).IsUnique();
        });

        builder.Entity<Offering>(offering =>
        {
            offering.Property(o => o.Name).HasMaxLength(Offering.NameMaxLength);
            offering.Property(o => o.Description).HasMaxLength(Offering.DescriptionMaxLength);
            offering.Property(o => o.TypicalPrice).HasPrecision(10, 2);
            offering.HasIndex(o => o.Name).IsUnique();
        });
    }
}
