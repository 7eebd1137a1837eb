using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Lists of people to invite from a CSV file, each row with its outcome; the name an invitation greets; the client address of each audit event.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206090000_InvitationBatches")]
public sealed class InvitationBatches : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("DisplayName", "Invitations", type: "character varying(100)", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>("ClientAddress", "AuditEvents", type: "character varying(64)", maxLength: 64, nullable: true);

        migrationBuilder.CreateTable(
            name: "InvitationBatches",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ConfirmedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InvitationBatches", x => x.Id);
                table.ForeignKey("FK_InvitationBatches_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_InvitationBatches_OrganizationId_CreatedAt", "InvitationBatches", ["OrganizationId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "InvitationBatchRows",
            columns: table => new
            {
                BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                Line = table.Column<int>(type: "integer", nullable: false),
                Email = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Role = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InvitationBatchRows", x => new { x.BatchId, x.Line });
                table.ForeignKey("FK_InvitationBatchRows_InvitationBatches_BatchId", x => x.BatchId,
                    principalTable: "InvitationBatches", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("InvitationBatchRows");
        migrationBuilder.DropTable("InvitationBatches");
        migrationBuilder.DropColumn("ClientAddress", "AuditEvents");
        migrationBuilder.DropColumn("DisplayName", "Invitations");
    }
}
