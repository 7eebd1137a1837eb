using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>
/// The real portal in memory (Production settings) on a catalog database of its own in the test
/// PostgreSQL, optionally with a super admin created through the Bootstrap settings.
/// </summary>
public sealed class PortalFactory(
    string catalogConnectionString, bool bootstrapSuperAdmin, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public const string SuperAdminEmail = "root@marketedge.test";
    public const string Password = "correct horse battery staple";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("marketedge-portal-").FullName;

    public string DataDirectory => _dataDirectory;

    public string CatalogConnectionString { get; } = catalogConnectionString;

    public static async Task<PortalFactory> CreateAsync(
        bool bootstrapSuperAdmin = true, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) =>
        new(await TestPostgres.CreateDatabaseAsync("catalog"), bootstrapSuperAdmin, settings, clock);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddresses>();
            // A password hash costs 100,000 PBKDF2 rounds so that guessing is slow; in a test that cost is only the
            // suite's time (a third of its CPU). The stored format carries the count, so verifying is unchanged.
            services.Configure<PasswordHasherOptions>(hashing => hashing.IterationCount = 1_000);
            if (clock is not null)
            {
                services.AddSingleton(clock); // the last registration wins: every part of the portal reads this clock
            }
        });
        builder.UseSetting("ConnectionStrings:Catalog", CatalogConnectionString);
        builder.UseSetting("Portal:DataDirectory", _dataDirectory);
        if (bootstrapSuperAdmin)
        {
            builder.UseSetting("Bootstrap:SuperAdminEmail", SuperAdminEmail);
            builder.UseSetting("Bootstrap:SuperAdminPassword", Password);
        }

        // Tests that are not about rate limits must not share one budget (every in-memory client has the same address).
        builder.UseSetting("Identity:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Identity:InvitationChangesPerMinute", "1000");
        // Tests that are not about two-factor sign-in let the super admin in with a password alone.
        builder.UseSetting("Identity:SuperAdminsRequireTwoFactor", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A browser-like client for one host, from an address of its own: keeps its cookies, does not follow redirects.</summary>
    public HttpClient ClientFor(string host = "localhost", string? address = null, string scheme = "http")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"{scheme}://{host}/"),
            AllowAutoRedirect = false,
        });
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, address ?? ClientAddresses.Next());
        return client;
    }

    public async Task<T> WithServiceAsync<T, TService>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>An organization straight in the catalog (no provisioning); Active ones get their database too.</summary>
    public async Task<Organization> AddOrganizationAsync(string slug, OrganizationStatus status = OrganizationStatus.Active)
    {
        var organization = await WithServiceAsync<Organization, CatalogDbContext>(async catalog =>
        {
            var added = new Organization { Slug = slug, Name = $"{slug} Ltd", Status = status, PackId = "cinema", SicCode = "59140", FirstAdminEmail = $"admin@{slug}.test" };
            catalog.Organizations.Add(added);
            await catalog.SaveChangesAsync();
            return added;
        });
        if (status == OrganizationStatus.Active)
        {
            await Services.GetRequiredService<TenantDbContextFactory>()
                .MigrateAsync(TenantInfo.From(organization), CancellationToken.None);
        }

        return organization;
    }

    public Task<PortalUser> AddUserAsync(string email, Organization? memberOf = null, MembershipRole role = MembershipRole.User) =>
        WithServiceAsync<PortalUser, UserManager<PortalUser>>(async users =>
        {
            var user = new PortalUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            if (memberOf is not null)
            {
                await WithServiceAsync<int, CatalogDbContext>(catalog =>
                {
                    catalog.Memberships.Add(new Membership { OrganizationId = memberOf.Id, UserId = user.Id, Role = role });
                    return catalog.SaveChangesAsync();
                });
            }

            return user;
        });

    /// <summary>Invites <paramref name="email"/> as the organization's Admin through the real invitation service; the link's token.</summary>
    public async Task<string> InviteAsync(Organization organization, string email)
    {
        organization.FirstAdminEmail = email;
        await WithServiceAsync<int, Invitations>(async invitations =>
        {
            await invitations.InviteFirstAdminAsync(organization, CancellationToken.None);
            return 0;
        });
        return await LatestInvitationTokenAsync(email);
    }

    /// <summary>The token in the newest invitation email to <paramref name="email"/>.</summary>
    public async Task<string> LatestInvitationTokenAsync(string email)
    {
        var body = await WithServiceAsync<string, CatalogDbContext>(catalog => catalog.OutboxMessages
            .Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync());
        return System.Text.RegularExpressions.Regex.Match(body, "token=([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    /// <summary>Signs in through the real form (antiforgery token included); returns the POST's response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password)
    {
        var token = await AntiforgeryTokenAsync(client, "account/login");
        return await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Posts a form the way a browser would: the antiforgery token is taken from <paramref name="pagePath"/> first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pagePath);
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>A client on the root host signed in as the bootstrapped super admin.</summary>
    public async Task<HttpClient> SuperAdminClientAsync()
    {
        var client = ClientFor();
        await SignInAsync(client, SuperAdminEmail);
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await ParseAsync(page);
        return document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        CleanUp();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CleanUp();
    }

    /// <summary>This portal's idle connections go now rather than minutes later, and its data folder with them.</summary>
    private void CleanUp()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
