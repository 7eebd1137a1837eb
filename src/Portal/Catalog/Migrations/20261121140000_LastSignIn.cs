using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>When each person last signed in, shown on the users page.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121140000_LastSignIn")]
public sealed class LastSignIn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTimeOffset>("LastSignInAt", "AspNetUsers", type: "timestamp with time zone", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("LastSignInAt", "AspNetUsers");
}
