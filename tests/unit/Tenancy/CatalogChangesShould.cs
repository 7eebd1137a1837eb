using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Catalog.Changes;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MarketEdge.Portal.Tests.Tenancy;

/// <summary>
/// Two portal processes on one catalog (<c>first</c> makes each change; both are asked at the next request):
/// facts a request needs are never served stale from a cache, and what is cached is dropped when the
/// catalog announces the change, whichever process made it.
/// </summary>
public sealed class CatalogChangesShould : IAsyncLifetime
{
    private PortalFactory _first = null!;
    private PortalFactory _second = null!;

    public async Task InitializeAsync()
    {
        _first = await PortalFactory.CreateAsync();
        _second = new PortalFactory(_first.CatalogConnectionString, bootstrapSuperAdmin: false);
        _ = _first.Services;
        _ = _second.Services;
        await WaitUntilListeningAsync(_first);
        await WaitUntilListeningAsync(_second);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Shut_a_deactivated_member_out_at_their_next_request_on_either_process()
    {
        var (organization, clients) = await MemberOnBothAsync("changes-deactivated", MembershipRole.User);

        await ChangeMembershipAsync(organization.Id, "member@changes-deactivated.test", m => m.Status = MembershipStatus.Deactivated);

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public async Task Apply_a_role_change_at_the_next_request_on_either_process()
    {
        var (organization, clients) = await MemberOnBothAsync("changes-role", MembershipRole.Admin);
        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);
        }

        await ChangeMembershipAsync(organization.Id, "member@changes-role.test", m => m.Role = MembershipRole.Viewer);

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/users")).StatusCode);
            Assert.Null((await PortalFactory.ParseAsync(await client.GetAsync("/"))).QuerySelector("a[href='/users']"));
        }
    }

    [Fact]
    public async Task Shut_members_of_a_suspended_organization_out_at_their_next_request_on_either_process()
    {
        var (organization, clients) = await MemberOnBothAsync("changes-suspended", MembershipRole.User);

        await _first.WithServiceAsync<int, CatalogDbContext>(async catalog =>
        {
            var tracked = await catalog.Organizations.SingleAsync(o => o.Id == organization.Id);
            tracked.Status = OrganizationStatus.Suspended;
            return await catalog.SaveChangesAsync();
        });

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public async Task Show_a_flag_change_at_the_next_request_on_either_process()
    {
        var (organization, clients) = await MemberOnBothAsync("changes-flag", MembershipRole.User);
        foreach (var client in clients)
        {
            Assert.Null(await ModuleAsync(client, "premium-formats"));
        }

        await _first.WithServiceAsync<int, CatalogDbContext>(catalog =>
        {
            catalog.FeatureFlagOverrides.Add(new FeatureFlagOverride { OrganizationId = organization.Id, FlagKey = "premium-formats", Enabled = true });
            return catalog.SaveChangesAsync();
        });

        foreach (var client in clients)
        {
            Assert.NotNull(await ModuleAsync(client, "premium-formats"));
        }
    }

    [Fact]
    public async Task Let_a_person_added_to_an_organization_in_at_once_and_list_it_in_their_switcher_on_either_process()
    {
        var (_, clients) = await MemberOnBothAsync("changes-home", MembershipRole.User);
        var added = await _first.AddOrganizationAsync("changes-added");
        foreach (var client in clients)
        {
            Assert.DoesNotContain("changes-added Ltd", await SwitcherAsync(client)); // cached without it on both
        }

        await _first.WithServiceAsync<int, CatalogDbContext>(async catalog =>
        {
            var person = await catalog.Users.SingleAsync(u => u.Email == "member@changes-home.test");
            catalog.Memberships.Add(new Membership { OrganizationId = added.Id, UserId = person.Id, Role = MembershipRole.User });
            return await catalog.SaveChangesAsync();
        });

        Assert.Contains("changes-added Ltd", await SwitcherAsync(clients[0])); // the process that saved it dropped it at once
        var person = await _first.WithServiceAsync<Guid, CatalogDbContext>(c => c.Users.Where(u => u.Email == "member@changes-home.test").Select(u => u.Id).SingleAsync());
        var secondCache = _second.Services.GetRequiredService<CatalogCache>();
        Assert.True(await Eventually.ValueAsync(() => Task.FromResult(!secondCache.Contains(CatalogCache.SwitcherKey(person, asSuperAdmin: false))), ok => ok, TimeSpan.FromSeconds(1)),
            "the second process did not hear of the new membership within a second");
        Assert.Contains("changes-added Ltd", await SwitcherAsync(clients[1]));
    }

    [Fact]
    public async Task Forget_everything_and_keep_hearing_of_changes_after_the_listening_connection_is_cut()
    {
        await _second.AddOrganizationAsync("changes-cut");
        var cache = _second.Services.GetRequiredService<CatalogCache>();
        var superAdmin = await _second.SuperAdminClientAsync();
        Assert.Contains("changes-cut Ltd", await SwitcherAsync(superAdmin));

        await using (var connection = new NpgsqlConnection(_second.CatalogConnectionString))
        {
            await connection.OpenAsync();
            await using var cut = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'marketedge-catalog-listener' AND datname = current_database()", connection);
            Assert.Equal(2L, await cut.ExecuteScalarAsync()); // one listener per process
        }

        Assert.True(await Eventually.ValueAsync(() => Task.FromResult(cache.Listening && cache.Count == 0), ok => ok, TimeSpan.FromSeconds(10)),
            "the listener did not come back (or kept what it had cached while deaf)");
        Assert.Contains("changes-cut Ltd", await SwitcherAsync(superAdmin));
        await _first.WithServiceAsync<int, CatalogDbContext>(async catalog =>
        {
            var tracked = await catalog.Organizations.SingleAsync(o => o.Slug == "changes-cut");
            tracked.Name = "Renamed after the cut";
            return await catalog.SaveChangesAsync();
        });
        Assert.True(await Eventually.ValueAsync(async () => (await SwitcherAsync(superAdmin)).Contains("Renamed after the cut"), ok => ok, TimeSpan.FromSeconds(1)));
    }

    /// <summary>A member of a new organization signed in on its subdomain through each process.</summary>
    private async Task<(Organization Organization, HttpClient[] Clients)> MemberOnBothAsync(string slug, MembershipRole role)
    {
        var organization = await _first.AddOrganizationAsync(slug);
        await _first.AddUserAsync($"member@{slug}.test", organization, role);
        var clients = new[] { _first.ClientFor($"{slug}.localhost"), _second.ClientFor($"{slug}.localhost") };
        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, $"member@{slug}.test")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // the organization and the switcher are now cached
        }

        return (organization, clients);
    }

    private Task<int> ChangeMembershipAsync(Guid organizationId, string email, Action<Membership> change) =>
        _first.WithServiceAsync<int, CatalogDbContext>(async catalog =>
        {
            var membership = await catalog.Memberships.SingleAsync(m => m.OrganizationId == organizationId && m.User.Email == email);
            change(membership);
            return await catalog.SaveChangesAsync();
        });

    private static async Task<AngleSharp.Dom.IElement?> ModuleAsync(HttpClient client, string flag) =>
        (await PortalFactory.ParseAsync(await client.GetAsync("/"))).QuerySelector($"[data-testid=module][data-flag='{flag}']");

    private static async Task<string> SwitcherAsync(HttpClient client) =>
        (await PortalFactory.ParseAsync(await client.GetAsync("/account/me"))).QuerySelector("[data-testid=switcher-choices]")?.TextContent ?? "";

    private static Task WaitUntilListeningAsync(PortalFactory portal)
    {
        var cache = portal.Services.GetRequiredService<CatalogCache>();
        return Eventually.ValueAsync(() => Task.FromResult(cache.Listening), ok => ok, TimeSpan.FromSeconds(10));
    }
}
