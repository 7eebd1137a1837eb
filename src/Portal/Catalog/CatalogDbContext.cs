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

    public DbSet<FeatureFlagOverride> FeatureFlagOverrides => Set<FeatureFlagOverride>();

    public DbSet<ProvisioningRun> ProvisioningRuns => Set<ProvisioningRun>();

    public DbSet<ProvisioningStep> ProvisioningSteps => Set<ProvisioningStep>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<UsageFigures> UsageFigures => Set<UsageFigures>();

    public DbSet<InvitationBatch> InvitationBatches => Set<InvitationBatch>();

    public DbSet<InvitationBatchRow> InvitationBatchRows => Set<InvitationBatchRow>();

    public DbSet<OrganizationDomain> OrganizationDomains => Set<OrganizationDomain>();

    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();

    public DbSet<OrganizationSso> SsoSettings => Set<OrganizationSso>();

    public DbSet<OrganizationExport> OrganizationExports => Set<OrganizationExport>();

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
            organization.Property(o => o.StatusBeforeArchive).HasConversion<string>().HasMaxLength(20);
            organization.Property(o => o.PackId).HasMaxLength(64);
            organization.Property(o => o.SicCode).HasMaxLength(5);
            organization.Property(o => o.DatabaseServer).HasMaxLength(64);
            organization.Property(o => o.FirstAdminEmail).HasMaxLength(Organization.EmailMaxLength);
            organization.Property(o => o.FailureReason).HasMaxLength(2000);
            organization.Property(o => o.MigrationError).HasMaxLength(2000);
            organization.HasIndex(o => o.Slug).IsUnique();
            organization.HasIndex(o => o.Status);
            organization.HasIndex(o => o.Name);
            organization.HasIndex(o => o.CreatedAt);
        });

        builder.Entity<OrganizationExport>(export =>
        {
            export.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            export.Property(e => e.Step).HasMaxLength(OrganizationExport.StepMaxLength);
            export.Property(e => e.Error).HasMaxLength(OrganizationExport.ErrorMaxLength);
            export.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId);
            export.HasIndex(e => new { e.OrganizationId, e.RequestedAt });
            export.HasIndex(e => e.OrganizationId).IsUnique().HasDatabaseName("IX_OrganizationExports_OneInProgress")
                .HasFilter("\"Status\" IN ('Queued', 'Running')"); // one export at a time, whatever races
        });

        builder.Entity<FeatureFlagOverride>(flag =>
        {
            flag.HasKey(f => new { f.OrganizationId, f.FlagKey });
            flag.Property(f => f.FlagKey).HasMaxLength(FeatureFlagOverride.KeyMaxLength);
            flag.HasOne<Organization>().WithMany(o => o.FlagOverrides).HasForeignKey(f => f.OrganizationId);
        });

        builder.Entity<ProvisioningRun>(run =>
        {
            run.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.Error).HasMaxLength(2000);
            run.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId);
            run.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId);
            run.HasIndex(r => new { r.OrganizationId, r.Attempt }).IsUnique();
        });

        builder.Entity<ProvisioningStep>(step =>
        {
            step.Property(s => s.Name).HasMaxLength(100);
            step.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
            step.Property(s => s.Error).HasMaxLength(2000);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Email).HasMaxLength(Organization.EmailMaxLength);
            invitation.Property(i => i.DisplayName).HasMaxLength(PortalUser.DisplayNameMaxLength);
            invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
            invitation.Property(i => i.TokenHash).HasMaxLength(100);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => new { i.OrganizationId, i.Email });
            invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId);
        });

        builder.Entity<InvitationBatch>(batch =>
        {
            batch.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
            batch.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId);
            batch.HasMany(b => b.Rows).WithOne().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
            batch.HasIndex(b => new { b.OrganizationId, b.CreatedAt });
        });

        builder.Entity<InvitationBatchRow>(row =>
        {
            row.HasKey(r => new { r.BatchId, r.Line });
            row.Property(r => r.Email).HasMaxLength(InvitationBatchRow.CellMaxLength);
            row.Property(r => r.Name).HasMaxLength(InvitationBatchRow.CellMaxLength);
            row.Property(r => r.Role).HasMaxLength(InvitationBatchRow.CellMaxLength);
            row.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
            row.Property(r => r.Reason).HasMaxLength(InvitationBatchRow.ReasonMaxLength);
        });

        builder.Entity<OrganizationDomain>(domain =>
        {
            domain.Property(d => d.Domain).HasMaxLength(OrganizationDomain.DomainMaxLength);
            domain.Property(d => d.CodeSentTo).HasMaxLength(Organization.EmailMaxLength);
            domain.Property(d => d.CodeHash).HasMaxLength(100);
            domain.Property(d => d.JoinPolicy).HasConversion<string>().HasMaxLength(20);
            domain.Property(d => d.JoinRole).HasConversion<string>().HasMaxLength(20);
            domain.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId);
            domain.HasIndex(d => new { d.OrganizationId, d.Domain }).IsUnique();
            domain.HasIndex(d => d.Domain).IsUnique().HasFilter("\"VerifiedAt\" IS NOT NULL").HasDatabaseName("IX_OrganizationDomains_Domain_Verified");
        });

        builder.Entity<OrganizationSso>(sso =>
        {
            sso.ToTable("OrganizationSso");
            sso.HasKey(s => s.OrganizationId);
            sso.Property(s => s.Authority).HasMaxLength(OrganizationSso.AuthorityMaxLength);
            sso.Property(s => s.ClientId).HasMaxLength(OrganizationSso.ClientIdMaxLength);
            sso.Property(s => s.ProtectedClientSecret).HasMaxLength(4000);
            sso.HasOne<Organization>().WithOne().HasForeignKey<OrganizationSso>(s => s.OrganizationId);
        });

        builder.Entity<JoinRequest>(request =>
        {
            request.Property(r => r.ApprovedRole).HasConversion<string>().HasMaxLength(20);
            request.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId);
            request.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            request.HasIndex(r => new { r.OrganizationId, r.UserId }).IsUnique().HasFilter("\"DecidedAt\" IS NULL").HasDatabaseName("IX_JoinRequests_Pending");
            request.HasIndex(r => r.UserId);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.Property(m => m.To).HasMaxLength(Organization.EmailMaxLength);
            message.Property(m => m.Subject).HasMaxLength(300);
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.HasIndex(m => new { m.SentAt, m.CreatedAt });
        });

        builder.Entity<UserSession>(session =>
        {
            session.Property(s => s.Device).HasMaxLength(UserSession.DeviceMaxLength);
            session.Property(s => s.Where).HasMaxLength(UserSession.WhereMaxLength);
            session.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.SupportOrganizationId).HasFilter("\"SupportOrganizationId\" IS NOT NULL");
        });

        builder.Entity<UsageFigures>(usage =>
        {
            usage.HasKey(u => u.OrganizationId); // no foreign key: the platform's row names no organization
            usage.Property(u => u.OrganizationId).ValueGeneratedNever(); // Guid.Empty (the platform) is a key, not "none yet"
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
            audit.Property(a => a.ClientAddress).HasMaxLength(AuditEvent.ClientAddressMaxLength);
            audit.HasIndex(a => new { a.OrganizationId, a.OccurredAt });
            audit.HasIndex(a => new { a.Action, a.OccurredAt }); // sign-ins per day, for usage figures
        });
    }
}
