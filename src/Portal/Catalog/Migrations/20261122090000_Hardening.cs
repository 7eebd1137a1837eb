using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Sessions recorded on the server (sign-out ends them); outbox messages that back off and can be set aside as failed; the status an archived organization comes back to.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261122090000_Hardening")]
public sealed class Hardening : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>("NextAttemptAt", "OutboxMessages", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>("FailedAt", "OutboxMessages", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<string>("StatusBeforeArchive", "Organizations", type: "character varying(20)", maxLength: 20, nullable: true);

        migrationBuilder.CreateTable(
            name: "UserSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                UserId = table.Column<Guid>(type: "uuid", nullable: false),
                Device = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Where = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserSessions", x => x.Id);
                table.ForeignKey("FK_UserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_UserSessions_UserId", "UserSessions", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("UserSessions");
        migrationBuilder.DropColumn("StatusBeforeArchive", "Organizations");
        migrationBuilder.DropColumn("FailedAt", "OutboxMessages");
        migrationBuilder.DropColumn("NextAttemptAt", "OutboxMessages");
    }
}
