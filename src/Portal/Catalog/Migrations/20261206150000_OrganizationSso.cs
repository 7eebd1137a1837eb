using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Each organization's own OpenID Connect provider, its secret encrypted, and whether its domains must use it.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206150000_OrganizationSso")]
public sealed class OrganizationSsoSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OrganizationSso",
            columns: table => new
            {
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                Authority = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                ClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                ProtectedClientSecret = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                RequireSso = table.Column<bool>(type: "boolean", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                UpdatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrganizationSso", x => x.OrganizationId);
                table.ForeignKey("FK_OrganizationSso_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("OrganizationSso");
}
