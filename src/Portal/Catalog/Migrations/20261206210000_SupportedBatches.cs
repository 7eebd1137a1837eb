using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>A list of invitations sent during support access names the super admin, for the audit of what its job sends.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261206210000_SupportedBatches")]
public sealed class SupportedBatches : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<Guid>("ConfirmedBySupportUserId", "InvitationBatches", type: "uuid", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("ConfirmedBySupportUserId", "InvitationBatches");
}
