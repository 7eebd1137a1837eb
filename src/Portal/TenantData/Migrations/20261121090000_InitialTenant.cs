using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.TenantData.Migrations;

/// <summary>An organization's own database: the competitors it watches.</summary>
[DbContext(typeof(TenantDbContext))]
[Migration("20261121090000_InitialTenant")]
public sealed class InitialTenant : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Competitors",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Competitors", x => x.Id));

        migrationBuilder.CreateIndex("IX_Competitors_Name", "Competitors", "Name");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Competitors");
}
