using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Support access: sessions that end by themselves and name the super admin behind them, audit events that say so, and an organization's refusal.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206190000_SupportAccess")]
public sealed class SupportAccess : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Organizations made before this migration allow support access; then the default goes, as the model has none.
        migrationBuilder.AddColumn<bool>("RefuseSupportAccess", "Organizations", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.Sql("ALTER TABLE \"Organizations\" ALTER COLUMN \"RefuseSupportAccess\" DROP DEFAULT;");
        migrationBuilder.AddColumn<DateTimeOffset>("ExpiresAt", "UserSessions", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<Guid>("SupportByUserId", "UserSessions", type: "uuid", nullable: true);
        migrationBuilder.AddColumn<Guid>("SupportBySessionId", "UserSessions", type: "uuid", nullable: true);
        migrationBuilder.AddColumn<Guid>("SupportOrganizationId", "UserSessions", type: "uuid", nullable: true);
        migrationBuilder.CreateIndex("IX_UserSessions_SupportOrganizationId", "UserSessions", "SupportOrganizationId",
            filter: "\"SupportOrganizationId\" IS NOT NULL");
        migrationBuilder.AddColumn<Guid>("SupportUserId", "AuditEvents", type: "uuid", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("SupportUserId", "AuditEvents");
        migrationBuilder.DropIndex("IX_UserSessions_SupportOrganizationId", "UserSessions");
        migrationBuilder.DropColumn("SupportOrganizationId", "UserSessions");
        migrationBuilder.DropColumn("SupportBySessionId", "UserSessions");
        migrationBuilder.DropColumn("SupportByUserId", "UserSessions");
        migrationBuilder.DropColumn("ExpiresAt", "UserSessions");
        migrationBuilder.DropColumn("RefuseSupportAccess", "Organizations");
    }
}
