using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>Industry and lifecycle of organizations; flag overrides, provisioning runs, invitations and the email outbox.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121110000_Provisioning")]
public sealed class Provisioning : Migration
{
    private static readonly (string Name, int Length, string Default)[] RequiredOrganizationColumns =
    [
        ("PackId", 64, "cinema"),
        ("SicCode", 5, "59140"),
        ("DatabaseServer", 64, "default"),
        ("FirstAdminEmail", 256, ""),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Organizations made before this migration get values, then the defaults go: new rows must say.
        foreach (var (name, length, defaultValue) in RequiredOrganizationColumns)
        {
            migrationBuilder.AddColumn<string>(name, "Organizations", type: $"character varying({length})", maxLength: length,
                nullable: false, defaultValue: defaultValue);
            migrationBuilder.Sql($"ALTER TABLE \"Organizations\" ALTER COLUMN \"{name}\" DROP DEFAULT;");
        }

        migrationBuilder.AddColumn<string>("FailureReason", "Organizations", type: "character varying(2000)", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>("MigrationError", "Organizations", type: "character varying(2000)", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>("DeletionDueAt", "Organizations", type: "timestamp with time zone", nullable: true);
        migrationBuilder.CreateIndex("IX_Organizations_Status", "Organizations", "Status");
        migrationBuilder.CreateIndex("IX_Organizations_CreatedAt", "Organizations", "CreatedAt");

        migrationBuilder.CreateTable(
            name: "FeatureFlagOverrides",
            columns: table => new
            {
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                FlagKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Enabled = table.Column<bool>(type: "boolean", nullable: false),
                SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                SetByUserId = table.Column<Guid>(type: "uuid", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FeatureFlagOverrides", x => new { x.OrganizationId, x.FlagKey });
                table.ForeignKey("FK_FeatureFlagOverrides_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ProvisioningRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                Attempt = table.Column<int>(type: "integer", nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProvisioningRuns", x => x.Id);
                table.ForeignKey("FK_ProvisioningRuns_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ProvisioningSteps",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunId = table.Column<Guid>(type: "uuid", nullable: false),
                Position = table.Column<int>(type: "integer", nullable: false),
                Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProvisioningSteps", x => x.Id);
                table.ForeignKey("FK_ProvisioningSteps_ProvisioningRuns_RunId", x => x.RunId,
                    principalTable: "ProvisioningRuns", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Invitations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                TokenHash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                InvitedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invitations", x => x.Id);
                table.ForeignKey("FK_Invitations_Organizations_OrganizationId", x => x.OrganizationId,
                    principalTable: "Organizations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                OrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                To = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Body = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Attempts = table.Column<int>(type: "integer", nullable: false),
                LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OutboxMessages", x => x.Id));

        migrationBuilder.CreateIndex("IX_ProvisioningRuns_OrganizationId_Attempt", "ProvisioningRuns", ["OrganizationId", "Attempt"], unique: true);
        migrationBuilder.CreateIndex("IX_ProvisioningSteps_RunId", "ProvisioningSteps", "RunId");
        migrationBuilder.CreateIndex("IX_Invitations_OrganizationId_Email", "Invitations", ["OrganizationId", "Email"]);
        migrationBuilder.CreateIndex("IX_Invitations_TokenHash", "Invitations", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_OutboxMessages_SentAt_CreatedAt", "OutboxMessages", ["SentAt", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "ProvisioningSteps", "ProvisioningRuns", "FeatureFlagOverrides", "Invitations", "OutboxMessages" })
        {
            migrationBuilder.DropTable(table);
        }

        migrationBuilder.DropIndex("IX_Organizations_Status", "Organizations");
        migrationBuilder.DropIndex("IX_Organizations_CreatedAt", "Organizations");
        foreach (var column in new[] { "PackId", "SicCode", "DatabaseServer", "FirstAdminEmail", "FailureReason", "MigrationError", "DeletionDueAt" })
        {
            migrationBuilder.DropColumn(column, "Organizations");
        }
    }
}
