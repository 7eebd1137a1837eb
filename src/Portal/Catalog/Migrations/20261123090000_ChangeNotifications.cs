using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketEdge.Portal.Catalog.Migrations;

/// <summary>
/// Triggers that announce, at commit, every change to organizations, memberships and platform roles on
/// the channel marketedge_catalog, so that every portal process can drop what it cached about them.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261123090000_ChangeNotifications")]
public sealed class ChangeNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION marketedge_announce_organization() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM pg_notify('marketedge_catalog', 'organization ' || NEW."Id" || ' ' || NEW."Slug");
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM pg_notify('marketedge_catalog', 'organization ' || OLD."Id" || ' ' || OLD."Slug");
                ELSE
                    PERFORM pg_notify('marketedge_catalog', 'organization ' || NEW."Id" || ' ' || OLD."Slug" || ' ' || NEW."Slug");
                END IF;
                RETURN NULL;
            END $$;

            CREATE FUNCTION marketedge_announce_person() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('marketedge_catalog', 'person ' || CASE WHEN TG_OP = 'DELETE' THEN OLD."UserId" ELSE NEW."UserId" END);
                IF TG_OP = 'UPDATE' AND OLD."UserId" <> NEW."UserId" THEN
                    PERFORM pg_notify('marketedge_catalog', 'person ' || OLD."UserId");
                END IF;
                RETURN NULL;
            END $$;

            CREATE TRIGGER announce_change AFTER INSERT OR DELETE ON "Organizations"
                FOR EACH ROW EXECUTE FUNCTION marketedge_announce_organization();
            -- Only what is cached of an organization: provisioning notes and migration errors change nothing cached.
            CREATE TRIGGER announce_update AFTER UPDATE ON "Organizations"
                FOR EACH ROW WHEN ((OLD."Slug", OLD."Name", OLD."Status", OLD."PackId", OLD."DatabaseServer")
                    IS DISTINCT FROM (NEW."Slug", NEW."Name", NEW."Status", NEW."PackId", NEW."DatabaseServer"))
                EXECUTE FUNCTION marketedge_announce_organization();
            CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON "Memberships"
                FOR EACH ROW EXECUTE FUNCTION marketedge_announce_person();
            CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON "AspNetUserRoles"
                FOR EACH ROW EXECUTE FUNCTION marketedge_announce_person();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER announce_change ON "AspNetUserRoles";
            DROP TRIGGER announce_change ON "Memberships";
            DROP TRIGGER announce_update ON "Organizations";
            DROP TRIGGER announce_change ON "Organizations";
            DROP FUNCTION marketedge_announce_person();
            DROP FUNCTION marketedge_announce_organization();
            """);
    }
}
