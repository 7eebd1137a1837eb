using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Organization exports: requested, made by a job, kept 24 hours.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206180000_OrganizationExports")]
public sealed class OrganizationExports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OrganizationExports",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Step = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                SizeBytes = table.Column<long>(type: "bigint", nullable: true),
                Error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrganizationExports", x => x.Id);
                table.ForeignKey("FK_OrganizationExports_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_OrganizationExports_OrganizationId_RequestedAt", "OrganizationExports", ["OrganizationId", "RequestedAt"]);
        migrationBuilder.CreateIndex("IX_OrganizationExports_OneInProgress", "OrganizationExports", "OrganizationId", unique: true,
            filter: "\"Status\" IN ('Queued', 'Running')");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("OrganizationExports");
}
