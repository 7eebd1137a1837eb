using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.TenantData.Migrations;

/// <summary>What the organization sells, and one competitor per name (so a pack's seed can run twice safely).</summary>
[DbContext(typeof(TenantDbContext))]
[Migration("20261121100000_Offerings")]
public sealed class Offerings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Competitors_Name", "Competitors");
        migrationBuilder.CreateIndex("IX_Competitors_Name", "Competitors", "Name", unique: true);

        migrationBuilder.CreateTable(
            name: "Offerings",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                TypicalPrice = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Offerings", x => x.Id));

        migrationBuilder.CreateIndex("IX_Offerings_Name", "Offerings", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Offerings");
        migrationBuilder.DropIndex("IX_Competitors_Name", "Competitors");
        migrationBuilder.CreateIndex("IX_Competitors_Name", "Competitors", "Name");
    }
}
