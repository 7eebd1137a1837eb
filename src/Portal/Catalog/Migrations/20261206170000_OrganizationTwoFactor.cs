using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Whether an organization requires two-factor sign-in of its members.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206170000_OrganizationTwoFactor")]
public sealed class OrganizationTwoFactor : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Organizations made before this migration do not require it; then the default goes, as the model has none.
        migrationBuilder.AddColumn<bool>("RequireTwoFactor", "Organizations", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.Sql("ALTER TABLE \"Organizations\" ALTER COLUMN \"RequireTwoFactor\" DROP DEFAULT;");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("RequireTwoFactor", "Organizations");
}
