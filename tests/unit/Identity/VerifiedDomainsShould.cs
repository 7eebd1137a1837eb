using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Text.RegularExpressions;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Verified domains and joining by one's address, through the real pages, as Admins, as those who may join, and as those who must not.</summary>
public sealed class VerifiedDomainsShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Page = "/settings/domains";

    private static int _badCases;

    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Verify_a_domain_by_its_emailed_code_once_and_never_for_a_second_organization()
    {
        await OrganizationWithAdminAsync("dom-first");
        var admin = await SignedInAsync("dom-first");

        var added = await PostAsync(admin, "Add", ("domain", " Dom-First.Example "), ("email", "it@dom-first.example"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var code = await CodeSentToAsync("it@dom-first.example");
        var domainId = await DomainIdAsync("dom-first", "dom-first.example");
        var wrong = code == "000000" ? "111111" : "000000";

        var refused = await PostAsync(admin, "Verify", domainId, ("code", wrong));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("That is not the code we sent. 4 tries left.", Text(await PortalFactory.ParseAsync(refused), "[data-testid=domain-code-error]"));
        Assert.Null(await VerifiedAtAsync(domainId));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Verify", domainId, ("code", code))).StatusCode);
        Assert.NotNull(await VerifiedAtAsync(domainId));
        var page = await PortalFactory.ParseAsync(await admin.GetAsync(Page));
        Assert.StartsWith("Verified on", Text(page, "[data-domain='dom-first.example'] [data-testid=domain-status]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(admin, "Verify", domainId, ("code", code))).StatusCode);

        await OrganizationWithAdminAsync("dom-second");
        var other = await SignedInAsync("dom-second");
        var claimed = await PostAsync(other, "Add", ("domain", "dom-first.example"), ("email", "boss@dom-first.example"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, claimed.StatusCode);
        Assert.Equal("Another organization has already verified this domain. If it is yours, contact support.",
            Text(await PortalFactory.ParseAsync(claimed), "[data-testid=add-domain-error]"));
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To == "boss@dom-first.example")));
    }

    [Theory]
    [InlineData("gmail.com", "me@gmail.com", "domain", "gmail.com is a public mail domain: anyone can have an address there, so no organization can claim it.")]
    [InlineData("GoogleMail.com", "me@googlemail.com", "domain", "googlemail.com is a public mail domain: anyone can have an address there, so no organization can claim it.")]
    [InlineData("https://dom-bad.example", "it@dom-bad.example", "domain", "Enter the domain alone, like odeon.co.uk: no address, no https://.")]
    [InlineData("localhost", "it@localhost", "domain", "Enter a domain, like odeon.co.uk: a name and its ending, with a dot between.")]
    [InlineData("dom_bad!.example", "it@dom-bad.example", "domain", "Enter a domain, like odeon.co.uk: letters, digits, hyphens and dots only.")]
    [InlineData("", "it@dom-bad.example", "domain", "Enter a domain, like odeon.co.uk.")]
    [InlineData("dom-bad.example", "it@elsewhere.example", "email", "Enter an address at dom-bad.example, where the code can prove the domain is yours.")]
    [InlineData("dom-bad.example", "not an address", "email", "Enter one valid email address, like name@example.com.")]
    public async Task Refuse_a_domain_no_organization_may_claim_beside_its_field_and_keep_nothing(string domain, string email, string field, string message)
    {
        var slug = $"dom-bad{Interlocked.Increment(ref _badCases)}";
        await OrganizationWithAdminAsync(slug);
        var admin = await SignedInAsync(slug);

        var refused = await PostAsync(admin, "Add", ("domain", domain), ("email", email));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await PortalFactory.ParseAsync(refused);
        Assert.Equal(message, Text(page, $"[data-testid=add-{field}-error]"));
        Assert.Equal(domain, page.QuerySelector<IHtmlInputElement>("#add-domain")!.Value); // what was typed stays, to correct it
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OrganizationDomains.CountAsync(d => c.Organizations.Any(o => o.Id == d.OrganizationId && o.Slug == slug))));
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To == email)));
    }

    [Fact]
    public async Task Count_every_try_when_guesses_race_so_that_the_code_stops_after_five()
    {
        await OrganizationWithAdminAsync("dom-guess");
        var admin = await SignedInAsync("dom-guess");
        await PostAsync(admin, "Add", ("domain", "dom-guess.example"), ("email", "it@dom-guess.example"));
        var code = await CodeSentToAsync("it@dom-guess.example");
        var domainId = await DomainIdAsync("dom-guess", "dom-guess.example");
        var token = await PortalFactory.AntiforgeryTokenAsync(admin, Page);
        var wrong = Enumerable.Range(0, 20).Select(i => ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6")).ToList();

        var answers = await Task.WhenAll(wrong.Select(guess => admin.PostAsync($"{Page}?handler=Verify&domainId={domainId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = guess, ["__RequestVerificationToken"] = token }))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode));
        var messages = await Task.WhenAll(answers.Select(async a => Text(await PortalFactory.ParseAsync(a), "[data-testid=domain-code-error]")));
        Assert.Equal(5, messages.Count(m => m.StartsWith("That is not the code we sent", StringComparison.Ordinal)));

        var right = await PostAsync(admin, "Verify", domainId, ("code", code));
        Assert.Equal("This code has expired, was used, or was tried too many times: send a new one.",
            Text(await PortalFactory.ParseAsync(right), "[data-testid=domain-code-error]"));
        Assert.Null(await VerifiedAtAsync(domainId));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "SendCode", domainId)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Verify", domainId, ("code", await CodeSentToAsync("it@dom-guess.example")))).StatusCode);
        Assert.NotNull(await VerifiedAtAsync(domainId));
    }

    [Fact]
    public async Task Let_exactly_one_organization_verify_a_domain_when_two_race()
    {
        for (var round = 0; round < 10; round++)
        {
            var domain = $"dom-race-{round}.example";
            var clients = new List<(HttpClient Client, Guid DomainId, string Code)>();
            foreach (var side in new[] { "a", "b" })
            {
                var slug = $"dom-race{round}{side}";
                await OrganizationWithAdminAsync(slug);
                var admin = await SignedInAsync(slug);
                Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Add", ("domain", domain), ("email", $"{side}@{domain}"))).StatusCode);
                clients.Add((admin, await DomainIdAsync(slug, domain), await CodeSentToAsync($"{side}@{domain}")));
            }

            var tokens = await Task.WhenAll(clients.Select(c => PortalFactory.AntiforgeryTokenAsync(c.Client, Page)));
            var answers = await Task.WhenAll(clients.Select((c, i) => c.Client.PostAsync($"{Page}?handler=Verify&domainId={c.DomainId}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = c.Code, ["__RequestVerificationToken"] = tokens[i] }))));

            Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.UnprocessableEntity], answers.Select(a => a.StatusCode).Order());
            Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OrganizationDomains.CountAsync(d => d.Domain == domain && d.VerifiedAt != null)));
        }
    }

    [Fact]
    public async Task Let_people_join_at_once_with_the_domain_role_never_as_admin()
    {
        var organization = await OrganizationWithAdminAsync("dom-auto");
        var admin = await SignedInAsync("dom-auto");
        var domainId = await VerifiedDomainAsync(admin, "dom-auto", "dom-auto.example");
        var person = await Portal.AddUserAsync("pat@dom-auto.example");
        var client = await SignedInAsync(null, "pat@dom-auto.example");
        Assert.Empty(await OffersAsync(client)); // the policy starts off

        var asAdmin = await PostAsync(admin, "Policy", domainId, ("policy", "Automatic"), ("role", "Admin"));
        Assert.Equal("Choose User or Viewer: nobody joins as Admin by their address alone.",
            Text(await PortalFactory.ParseAsync(asAdmin), "[data-testid=join-policy-error]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(admin, "Policy", domainId, ("policy", "2"), ("role", "User"))).StatusCode);
        Assert.Empty(await OffersAsync(client));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Automatic"), ("role", "User"))).StatusCode);
        Assert.Equal(["Join as User"], await OffersAsync(client));
        var joined = await PortalFactory.PostFormAsync(client, "/", $"/?handler=Join&organizationId={organization.Id}");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);

        var membership = await Portal.WithServiceAsync<Membership, CatalogDbContext>(c =>
            c.Memberships.AsNoTracking().SingleAsync(m => m.OrganizationId == organization.Id && m.UserId == person.Id));
        Assert.Equal((MembershipRole.User, MembershipStatus.Active), (membership.Role, membership.Status));
        Assert.Empty(await OffersAsync(client));
        Assert.Contains("dom-auto", (await PortalFactory.ParseAsync(await client.GetAsync("/"))).QuerySelector("[data-testid=my-organizations]")!.InnerHtml);
        var again = await PortalFactory.PostFormAsync(client, "/", $"/?handler=Join&organizationId={organization.Id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.AuditEvents.CountAsync(e => e.OrganizationId == organization.Id && e.Action == "member.joined")));
    }

    [Fact]
    public async Task Offer_nothing_to_an_unproven_address_a_deactivated_member_or_another_domain_and_refuse_their_join()
    {
        var organization = await OrganizationWithAdminAsync("dom-none");
        var admin = await SignedInAsync("dom-none");
        var domainId = await VerifiedDomainAsync(admin, "dom-none", "dom-none.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Automatic"), ("role", "Viewer"))).StatusCode);

        var unproven = await Portal.AddUserAsync("unproven@dom-none.example");
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Users.Where(u => u.Id == unproven.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailConfirmed, false)));
        await Portal.AddUserAsync("gone@dom-none.example", organization, MembershipRole.User);
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.Where(m => m.OrganizationId == organization.Id && m.User.Email == "gone@dom-none.example")
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, MembershipStatus.Deactivated)));
        await Portal.AddUserAsync("someone@sub.dom-none.example");

        foreach (var email in new[] { "unproven@dom-none.example", "gone@dom-none.example", "someone@sub.dom-none.example" })
        {
            var client = await SignedInAsync(null, email);
            Assert.Empty(await OffersAsync(client));
            var refused = await PortalFactory.PostFormAsync(client, "/", $"/?handler=Join&organizationId={organization.Id}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("You can no longer join this organization by your address. Ask its admins for an invitation.",
                Text(await PortalFactory.ParseAsync(refused), "[data-testid=join-error]"));
        }

        Assert.Equal([MembershipStatus.Deactivated], await Portal.WithServiceAsync<List<MembershipStatus>, CatalogDbContext>(c =>
            c.Memberships.Where(m => m.OrganizationId == organization.Id && m.User.Email!.EndsWith("dom-none.example")).Select(m => m.Status).ToListAsync()));
    }

    [Fact]
    public async Task Let_an_admin_approve_a_request_once_and_tell_both_sides()
    {
        var organization = await OrganizationWithAdminAsync("dom-ask");
        var admin = await SignedInAsync("dom-ask");
        var domainId = await VerifiedDomainAsync(admin, "dom-ask", "dom-ask.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Request"))).StatusCode);
        var person = await Portal.AddUserAsync("ria@dom-ask.example");
        var client = await SignedInAsync(null, "ria@dom-ask.example");
        Assert.Equal(["Ask to join"], await OffersAsync(client));

        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/");
        var asks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsync($"/?handler=Request&organizationId={organization.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        Assert.Equal(1, asks.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal("Asked: waiting for its admins.", Text(await PortalFactory.ParseAsync(await client.GetAsync("/")), "[data-testid=join-requested]"));
        Assert.Contains("ria@dom-ask.example asks to join", await LatestSubjectAsync("admin@dom-ask.test"));

        var users = await PortalFactory.ParseAsync(await admin.GetAsync("/users"));
        Assert.NotNull(users.QuerySelector("[data-testid=join-requests] tr[data-email='ria@dom-ask.example']"));
        var requestId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.JoinRequests.Where(r => r.UserId == person.Id).Select(r => r.Id).SingleAsync());
        var usersToken = await PortalFactory.AntiforgeryTokenAsync(admin, "/users");
        var decisions = await Task.WhenAll(new[] { ("Approve", "User"), ("Approve", "Viewer"), ("Decline", "") }.Select(d => admin.PostAsync(
            $"/users?handler={d.Item1}&requestId={requestId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = d.Item2, ["__RequestVerificationToken"] = usersToken }))));
        Assert.Equal(1, decisions.Count(d => d.StatusCode == HttpStatusCode.Redirect));

        var request = await Portal.WithServiceAsync<JoinRequest, CatalogDbContext>(c => c.JoinRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        var role = await Portal.WithServiceAsync<MembershipRole?, CatalogDbContext>(c => c.Memberships
            .Where(m => m.OrganizationId == organization.Id && m.UserId == person.Id).Select(m => (MembershipRole?)m.Role).SingleOrDefaultAsync());
        Assert.Equal(request.ApprovedRole, role); // declined: neither; approved: the one role the winning decision gave
        if (role is not null)
        {
            Assert.Equal("You have joined dom-ask Ltd on MarketEdge", await LatestSubjectAsync("ria@dom-ask.example"));
        }
    }

    [Fact]
    public async Task Refuse_every_domain_and_request_action_to_users_viewers_and_other_organizations_admins()
    {
        var organization = await OrganizationWithAdminAsync("dom-own");
        var admin = await SignedInAsync("dom-own");
        var domainId = await VerifiedDomainAsync(admin, "dom-own", "dom-own.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Request"))).StatusCode);
        var asker = await Portal.AddUserAsync("ask@dom-own.example");
        var askerClient = await SignedInAsync(null, "ask@dom-own.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(askerClient, "/", $"/?handler=Request&organizationId={organization.Id}")).StatusCode);
        var requestId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.JoinRequests.Where(r => r.UserId == asker.Id).Select(r => r.Id).SingleAsync());

        await Portal.AddUserAsync("user@dom-own.test", organization, MembershipRole.User);
        await Portal.AddUserAsync("viewer@dom-own.test", organization, MembershipRole.Viewer);
        await OrganizationWithAdminAsync("dom-other");
        var otherAdmin = await SignedInAsync("dom-other");
        foreach (var client in new[] { await SignedInAsync("dom-own", "user@dom-own.test"), await SignedInAsync("dom-own", "viewer@dom-own.test") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
            var token = await PortalFactory.AntiforgeryTokenAsync(client, "/");
            foreach (var action in new[] { $"{Page}?handler=Remove&domainId={domainId}", $"{Page}?handler=Add", $"/users?handler=Approve&requestId={requestId}" })
            {
                var refused = await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["domain"] = "dom-own-x.example", ["email"] = "a@dom-own-x.example", ["role"] = "Viewer", ["__RequestVerificationToken"] = token,
                }));
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }
        }

        var otherByRoute = await SignedInAsync(null, "admin@dom-other.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherByRoute.GetAsync($"/o/dom-own{Page}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherByRoute.GetAsync($"/o/dom-other{Page}")).StatusCode); // the positive control: their own, by route
        var ownPage = await PostAsync(otherAdmin, "Remove", domainId); // their own page, this organization's id
        Assert.Equal(HttpStatusCode.NotFound, ownPage.StatusCode);
        var ownUsers = await PortalFactory.PostFormAsync(otherAdmin, "/users", $"/users?handler=Approve&requestId={requestId}", ("role", "Viewer"));
        Assert.Equal(HttpStatusCode.NotFound, ownUsers.StatusCode);

        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OrganizationDomains.CountAsync(d => d.Id == domainId)));
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OrganizationDomains.CountAsync(d => d.Domain == "dom-own-x.example")));
        Assert.Null(await Portal.WithServiceAsync<DateTimeOffset?, CatalogDbContext>(c => c.JoinRequests.Where(r => r.Id == requestId).Select(r => r.DecidedAt).SingleAsync()));
    }

    [Fact]
    public async Task Keep_out_by_address_a_person_the_admins_declined_or_removed_until_they_invite_them()
    {
        var organization = await OrganizationWithAdminAsync("dom-out");
        var admin = await SignedInAsync("dom-out");
        var domainId = await VerifiedDomainAsync(admin, "dom-out", "dom-out.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Request"))).StatusCode);
        var declined = await Portal.AddUserAsync("no@dom-out.example");
        var declinedClient = await SignedInAsync(null, "no@dom-out.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(declinedClient, "/", $"/?handler=Request&organizationId={organization.Id}")).StatusCode);
        var requestId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.JoinRequests.Where(r => r.UserId == declined.Id).Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(admin, "/users", $"/users?handler=Decline&requestId={requestId}")).StatusCode);

        Assert.Empty(await OffersAsync(declinedClient));
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await PortalFactory.PostFormAsync(declinedClient, "/", $"/?handler=Request&organizationId={organization.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Automatic"), ("role", "User"))).StatusCode);
        var removed = await Portal.AddUserAsync("gone@dom-out.example", organization, MembershipRole.User);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(admin, "/users", $"/users?handler=Remove&userId={removed.Id}")).StatusCode);
        var removedClient = await SignedInAsync(null, "gone@dom-out.example");
        Assert.Empty(await OffersAsync(removedClient));
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await PortalFactory.PostFormAsync(removedClient, "/", $"/?handler=Join&organizationId={organization.Id}")).StatusCode);
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.CountAsync(m => m.OrganizationId == organization.Id
            && (m.UserId == declined.Id || m.UserId == removed.Id))));

        var token = await Portal.InviteAsync(organization, "gone@dom-out.example"); // an invitation is the admins' own choice again
        var accepted = await PortalFactory.PostFormAsync(Portal.ClientFor("dom-out.localhost"), $"/invitations/accept?token={token}", "/invitations/accept",
            ("token", token), ("Input.Password", PortalFactory.Password));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.CountAsync(m => m.OrganizationId == organization.Id && m.UserId == removed.Id)));
    }

    [Fact]
    public async Task Refuse_to_approve_a_request_of_someone_already_a_member_and_tell_nobody_they_joined()
    {
        var organization = await OrganizationWithAdminAsync("dom-twice");
        var admin = await SignedInAsync("dom-twice");
        var domainId = await VerifiedDomainAsync(admin, "dom-twice", "dom-twice.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Policy", domainId, ("policy", "Request"))).StatusCode);
        var person = await Portal.AddUserAsync("both@dom-twice.example");
        var client = await SignedInAsync(null, "both@dom-twice.example");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(client, "/", $"/?handler=Request&organizationId={organization.Id}")).StatusCode);
        var requestId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.JoinRequests.Where(r => r.UserId == person.Id).Select(r => r.Id).SingleAsync());
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => // meanwhile an invitation made them a member, since deactivated
        {
            c.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = person.Id, Role = MembershipRole.Viewer, Status = MembershipStatus.Deactivated });
            return c.SaveChangesAsync();
        });

        Assert.Null((await PortalFactory.ParseAsync(await admin.GetAsync("/users"))).QuerySelector("[data-testid=join-requests]"));
        var approved = await PortalFactory.PostFormAsync(admin, "/users", $"/users?handler=Approve&requestId={requestId}", ("role", "User"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, approved.StatusCode);
        Assert.Equal(MembershipStatus.Deactivated, await Portal.WithServiceAsync<MembershipStatus, CatalogDbContext>(c =>
            c.Memberships.Where(m => m.OrganizationId == organization.Id && m.UserId == person.Id).Select(m => m.Status).SingleAsync()));
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To == "both@dom-twice.example")));
    }

    [Fact]
    public async Task Send_an_organization_at_most_ten_codes_a_day_and_none_for_a_domain_verified_elsewhere()
    {
        await OrganizationWithAdminAsync("dom-flood");
        var admin = await SignedInAsync("dom-flood");
        await PostAsync(admin, "Add", ("domain", "dom-flood.example"), ("email", "a@dom-flood.example"));
        var domainId = await DomainIdAsync("dom-flood", "dom-flood.example");
        for (var again = 1; again < OrganizationDomainsLimit; again++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "SendCode", domainId)).StatusCode);
        }

        var refused = await PostAsync(admin, "SendCode", domainId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("This organization has been sent 10 codes in the last 24 hours: try again tomorrow.", Text(await PortalFactory.ParseAsync(refused), "[role=alert]"));
        var another = await PostAsync(admin, "Add", ("domain", "dom-flood-2.example"), ("email", "a@dom-flood-2.example"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, another.StatusCode);
        Assert.Equal(10, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To.EndsWith("dom-flood.example") || m.To.EndsWith("dom-flood-2.example"))));

        await OrganizationWithAdminAsync("dom-late");
        var late = await SignedInAsync("dom-late");
        await PostAsync(late, "Add", ("domain", "dom-taken.example"), ("email", "a@dom-taken.example"));
        var lateId = await DomainIdAsync("dom-late", "dom-taken.example");
        await OrganizationWithAdminAsync("dom-owner");
        await VerifiedDomainAsync(await SignedInAsync("dom-owner"), "dom-owner", "dom-taken.example");
        var resent = await PostAsync(late, "SendCode", lateId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, resent.StatusCode);
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To == "a@dom-taken.example")));
    }

    private const int OrganizationDomainsLimit = 10;

    private async Task<Organization> OrganizationWithAdminAsync(string slug)
    {
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        return organization;
    }

    /// <summary>Signed in on the organization's subdomain (as its Admin unless told), or on the platform's host when <paramref name="slug"/> is null.</summary>
    private async Task<HttpClient> SignedInAsync(string? slug, string? email = null)
    {
        var client = Portal.ClientFor(slug is null ? "localhost" : $"{slug}.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email ?? $"admin@{slug}.test")).StatusCode);
        return client;
    }

    /// <summary>Adds <paramref name="domain"/> and verifies it with the code from the email, as the organization's Admin.</summary>
    private async Task<Guid> VerifiedDomainAsync(HttpClient admin, string slug, string domain)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Add", ("domain", domain), ("email", $"it@{domain}"))).StatusCode);
        var domainId = await DomainIdAsync(slug, domain);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Verify", domainId, ("code", await CodeSentToAsync($"it@{domain}")))).StatusCode);
        return domainId;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, params (string Name, string Value)[] fields) =>
        PortalFactory.PostFormAsync(client, Page, $"{Page}?handler={handler}", fields);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Guid domainId, params (string Name, string Value)[] fields) =>
        PortalFactory.PostFormAsync(client, Page, $"{Page}?handler={handler}&domainId={domainId}", fields);

    /// <summary>The join buttons the platform home offers.</summary>
    private static async Task<IReadOnlyList<string>> OffersAsync(HttpClient client) =>
        (await PortalFactory.ParseAsync(await client.GetAsync("/"))).QuerySelectorAll("[data-testid=joinable-organizations] [data-testid=join]")
            .Select(b => b.TextContent.Trim()).ToList();

    private async Task<string> CodeSentToAsync(string email)
    {
        var subject = await LatestSubjectAsync(email);
        return Regex.Match(subject, @"^(\d{6}) is your code").Groups[1].Value;
    }

    private Task<string> LatestSubjectAsync(string email) =>
        Portal.WithServiceAsync<string, CatalogDbContext>(c => c.OutboxMessages.Where(m => m.To == email)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.Subject).FirstAsync());

    private Task<Guid> DomainIdAsync(string slug, string domain) =>
        Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.OrganizationDomains
            .Where(d => d.Domain == domain && c.Organizations.Any(o => o.Id == d.OrganizationId && o.Slug == slug)).Select(d => d.Id).SingleAsync());

    private Task<DateTimeOffset?> VerifiedAtAsync(Guid domainId) =>
        Portal.WithServiceAsync<DateTimeOffset?, CatalogDbContext>(c => c.OrganizationDomains.Where(d => d.Id == domainId).Select(d => d.VerifiedAt).SingleAsync());

    private static string Text(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? $"(nothing at {selector})";
}
