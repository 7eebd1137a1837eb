using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Remembers the organization each person last used.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121130000_LastOrganization")]
public sealed class LastOrganization : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<Guid>("LastOrganizationId", "AspNetUsers", type: "uuid", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("LastOrganizationId", "AspNetUsers");
}
