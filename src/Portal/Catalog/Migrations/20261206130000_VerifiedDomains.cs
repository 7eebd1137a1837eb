using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Organizations' email domains, verified by an emailed code, with their join policies; requests to join.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206130000_VerifiedDomains")]
public sealed class VerifiedDomains : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OrganizationDomains",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                AddedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                CodeSentTo = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                CodeHash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                CodeExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                JoinPolicy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                JoinRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrganizationDomains", x => x.Id);
                table.ForeignKey("FK_OrganizationDomains_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_OrganizationDomains_OrganizationId_Domain", "OrganizationDomains", ["OrganizationId", "Domain"], unique: true);
        migrationBuilder.CreateIndex("IX_OrganizationDomains_Domain_Verified", "OrganizationDomains", "Domain", unique: true, filter: "\"VerifiedAt\" IS NOT NULL");

        migrationBuilder.CreateTable(
            name: "JoinRequests",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                UserId = table.Column<Guid>(type: "uuid", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                ApprovedRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JoinRequests", x => x.Id);
                table.ForeignKey("FK_JoinRequests_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_JoinRequests_AspNetUsers_UserId", x => x.UserId,
                    principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_JoinRequests_Pending", "JoinRequests", ["OrganizationId", "UserId"], unique: true, filter: "\"DecidedAt\" IS NULL");
        migrationBuilder.CreateIndex("IX_JoinRequests_UserId", "JoinRequests", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("JoinRequests");
        migrationBuilder.DropTable("OrganizationDomains");
    }
}
