using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Records when an archived organization's database was dropped.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121120000_DatabaseDropped")]
public sealed class DatabaseDropped : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTimeOffset>("DatabaseDroppedAt", "Organizations", type: "timestamp with time zone", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("DatabaseDroppedAt", "Organizations");
}
