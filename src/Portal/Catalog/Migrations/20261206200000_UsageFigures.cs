using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Usage at a glance: one row of figures per organization and one for the platform, and the index that counts sign-ins per day.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206200000_UsageFigures")]
public sealed class UsageFiguresTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "UsageFigures",
            columns: table => new
            {
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                MembersActive = table.Column<int>(type: "integer", nullable: false),
                MembersInvited = table.Column<int>(type: "integer", nullable: false),
                ActiveLast30Days = table.Column<int>(type: "integer", nullable: false),
                SignInsPerDay = table.Column<int[]>(type: "integer[]", nullable: false),
                DatabaseBytes = table.Column<long>(type: "bigint", nullable: true),
                LastActivityAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ProvisioningP50Ms = table.Column<int>(type: "integer", nullable: true),
                ProvisioningP95Ms = table.Column<int>(type: "integer", nullable: true),
                ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_UsageFigures", x => x.OrganizationId));
        migrationBuilder.CreateIndex("IX_AuditEvents_Action_OccurredAt", "AuditEvents", ["Action", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEvents_Action_OccurredAt", "AuditEvents");
        migrationBuilder.DropTable("UsageFigures");
    }
}
