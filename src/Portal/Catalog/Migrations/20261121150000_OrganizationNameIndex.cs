using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>The switcher on every page lists organizations by name: read in index order, not sorted each time.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121150000_OrganizationNameIndex")]
public sealed class OrganizationNameIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_Organizations_Name", "Organizations", "Name");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_Organizations_Name", "Organizations");
}
