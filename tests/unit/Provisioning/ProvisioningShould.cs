using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Provisioning;

public sealed class ProvisioningShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    public static TheoryData<string, string, string, string, string, string, string> BadInputs => new()
    {
        // name, slug, pack, sic, email → the field that complains, and what it says
        { "", "bad-empty-name", "cinema", "59140", "a@b.test", "Input.Name", "Enter the organization's name." },
        { new string('x', 201), "bad-long-name", "cinema", "59140", "a@b.test", "Input.Name", "under 200 characters" },
        { "Bad Slug", "", "cinema", "59140", "a@b.test", "Input.Slug", "Choose a subdomain." },
        { "Bad Slug", "ab", "cinema", "59140", "a@b.test", "Input.Slug", "at least 3" },
        { "Bad Slug", new string('a', 41), "cinema", "59140", "a@b.test", "Input.Slug", "at most 40" },
        { "Bad Slug", "Bad_Slug", "cinema", "59140", "a@b.test", "Input.Slug", "lower-case letters, digits and hyphens" },
        { "Bad Slug", "-dash", "cinema", "59140", "a@b.test", "Input.Slug", "not starting or ending with a hyphen" },
        { "Bad Slug", "admin", "cinema", "59140", "a@b.test", "Input.Slug", "reserved" },
        { "Bad Slug", "www", "cinema", "59140", "a@b.test", "Input.Slug", "reserved" },
        { "Taken", "taken-already", "cinema", "59140", "a@b.test", "Input.Slug", "already taken" },
        { "No pack", "bad-no-pack", "", "59140", "a@b.test", "Input.PackId", "Choose an industry pack." },
        { "Odd pack", "bad-odd-pack", "bowling", "59140", "a@b.test", "Input.PackId", "loaded industry packs" },
        { "No SIC", "bad-no-sic", "cinema", "", "a@b.test", "Input.SicCode", "Choose a SIC 2007 code" },
        { "Odd SIC", "bad-odd-sic", "cinema", "59141", "a@b.test", "Input.SicCode", "not a UK SIC 2007 code" },
        { "Word for SIC", "bad-word-sic", "cinema", "motion picture", "a@b.test", "Input.SicCode", "These words match several codes: choose one of the suggestions." },
        { "Nonsense SIC", "bad-nonsense-sic", "cinema", "zebra crossing", "a@b.test", "Input.SicCode", "No SIC 2007 code matches these words" },
        { "No email", "bad-no-email", "cinema", "59140", "", "Input.FirstAdminEmail", "Enter the email address" },
        { "Odd email", "bad-odd-email", "cinema", "59140", "not-an-email", "Input.FirstAdminEmail", "valid email address" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Refuse_each_bad_input_beside_its_field_and_create_nothing(
        string name, string slug, string pack, string sic, string email, string field, string message)
    {
        if (slug == "taken-already")
        {
            await Portal.AddOrganizationAsync(slug);
        }

        var before = await CountAsync();
        var admin = await Portal.SuperAdminClientAsync();

        var response = await CreateAsync(admin, name, slug, pack, sic, email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalFactory.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Provision_a_new_organization_to_active_and_record_every_step()
    {
        var admin = await Portal.SuperAdminClientAsync();

        var created = await CreateAsync(admin, "Vue <b>Cinemas</b>", "vue", "cinema", "59140", "admin@vue.test");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/organizations/vue", created.Headers.Location?.OriginalString);
        var organization = await WaitForStatusAsync("vue", OrganizationStatus.Active);
        var run = await Portal.WithServiceAsync<ProvisioningRun, CatalogDbContext>(catalog =>
            catalog.ProvisioningRuns.Include(r => r.Steps).SingleAsync(r => r.OrganizationId == organization.Id));
        Assert.Equal(StepOutcome.Succeeded, run.Outcome);
        Assert.Equal(["Create database", "Apply migrations", "Seed starter data", "Invite first admin", "Activate"],
            run.Steps.OrderBy(s => s.Position).Select(s => s.Name));
        Assert.All(run.Steps, step => Assert.Equal(StepOutcome.Succeeded, step.Outcome));

        var details = await admin.GetAsync("/admin/organizations/vue");
        var html = await details.Content.ReadAsStringAsync();
        Assert.Contains("Vue &lt;b&gt;Cinemas&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>Cinemas</b>", html);
    }

    [Fact]
    public async Task Create_one_organization_when_two_creations_of_the_same_subdomain_race()
    {
        var first = await Portal.SuperAdminClientAsync();
        var second = await Portal.SuperAdminClientAsync();
        var tokens = await Task.WhenAll(
            PortalFactory.AntiforgeryTokenAsync(first, "/admin/organizations/new"), PortalFactory.AntiforgeryTokenAsync(second, "/admin/organizations/new"));

        for (var round = 0; round < 10; round++)
        {
            var slug = $"race-{round}";
            var outcomes = await Task.WhenAll(new[] { (first, tokens[0]), (second, tokens[1]) }.Select(pair =>
                pair.Item1.PostAsync("/admin/organizations/new", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Name"] = $"Race {round}", ["Input.Slug"] = slug, ["Input.PackId"] = "cinema", ["Input.SicCode"] = "59140",
                    ["Input.FirstAdminEmail"] = $"admin@{slug}.test", ["__RequestVerificationToken"] = pair.Item2,
                }))));

            Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Organizations.CountAsync(o => o.Slug == slug)));
            Assert.Single(outcomes, r => r.StatusCode == HttpStatusCode.Redirect);
            var loser = outcomes.Single(r => r.StatusCode != HttpStatusCode.Redirect);
            Assert.Contains("taken", (await PortalFactory.ParseAsync(loser)).QuerySelector("[data-valmsg-for='Input.Slug']")?.TextContent);
        }
    }

    [Fact]
    public async Task Suggest_a_subdomain_from_the_name_and_say_whether_it_is_free()
    {
        await Portal.AddOrganizationAsync("odeon-cinemas");
        var admin = await Portal.SuperAdminClientAsync();

        var suggestion = await PortalFactory.ParseAsync(await admin.GetAsync(
            "/admin/organizations/new?handler=SlugField&Input.Name=Od%C3%A9on%20Cinemas&SlugEdited=false"));

        Assert.Equal("odeon-cinemas", suggestion.QuerySelector("#Input_Slug")?.GetAttribute("value"));
        Assert.Contains("already taken", suggestion.QuerySelector("[data-testid=slug-status]")?.TextContent);

        var free = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/new?handler=SlugStatus&Input.Slug=odeon"));
        Assert.Contains("Available", free.QuerySelector("[data-testid=slug-status]")?.TextContent);
    }

    [Fact]
    public async Task Narrow_sic_codes_to_the_chosen_pack_and_suggest_a_pack_for_a_chosen_code()
    {
        var admin = await Portal.SuperAdminClientAsync();

        var narrowed = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/new?handler=SicOptions&Input.PackId=gyms"));
        Assert.Equal(["93110", "93130", "93199", "96040"], narrowed.QuerySelectorAll("[role=listbox] [role=option][data-code]").Select(b => b.GetAttribute("data-code")));

        var chosen = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/new?handler=ChooseSic&code=55100&Input.PackId="));
        Assert.Equal("55100", chosen.QuerySelector("#Input_SicCode")?.GetAttribute("value"));
        Assert.NotNull(chosen.QuerySelector("#pack-field[hx-swap-oob] option[value=hotels][selected]"));
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, string name, string slug, string pack, string sic, string email) =>
        PortalFactory.PostFormAsync(admin, "/admin/organizations/new", "/admin/organizations/new",
            ("Input.Name", name), ("Input.Slug", slug), ("Input.PackId", pack), ("Input.SicCode", sic), ("Input.FirstAdminEmail", email));

    private Task<int> CountAsync() =>
        Portal.WithServiceAsync<int, CatalogDbContext>(catalog => catalog.Organizations.CountAsync());

    private async Task<Organization> WaitForStatusAsync(string slug, OrganizationStatus status) =>
        (await Eventually.ReachedAsync(
            () => Portal.WithServiceAsync<Organization?, CatalogDbContext>(catalog => catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug)),
            organization => organization?.Status == status, TimeSpan.FromSeconds(30), _ => $"{slug} did not become {status}."))!;
}
