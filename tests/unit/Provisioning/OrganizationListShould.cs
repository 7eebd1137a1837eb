using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Email;
using MarketEdge.Portal.Setup;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tests.Provisioning;

public sealed class OrganizationListShould : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _portal = await PortalFactory.CreateAsync();
        await _portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
        {
            for (var n = 1; n <= 30; n++)
            {
                catalog.Organizations.Add(new Organization
                {
                    Slug = $"list-{n:00}", Name = n % 3 == 0 ? $"Hotel {n:00}" : $"Cinema {n:00}", PackId = n % 3 == 0 ? "hotels" : "cinema",
                    SicCode = n % 3 == 0 ? "55100" : "59140", FirstAdminEmail = "a@b.test", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(n),
                    Status = n % 5 == 0 ? OrganizationStatus.Suspended : OrganizationStatus.Active,
                });
            }

            return catalog.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Page_through_every_organization_newest_first()
    {
        var admin = await _portal.SuperAdminClientAsync();

        var first = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations"));
        var second = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations?p=2"));

        Assert.Equal("30 organizations", first.QuerySelector("[data-testid=organization-total]")?.TextContent);
        Assert.Equal(25, first.QuerySelectorAll("tr[data-slug]").Length);
        Assert.Equal("list-30", first.QuerySelector("tr[data-slug]")?.GetAttribute("data-slug"));
        Assert.Equal(["list-05", "list-04", "list-03", "list-02", "list-01"], second.QuerySelectorAll("tr[data-slug]").Select(r => r.GetAttribute("data-slug")));
    }

    [Fact]
    public async Task Filter_by_words_status_and_pack_together_and_answer_htmx_with_the_results_only()
    {
        var admin = await _portal.SuperAdminClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/organizations?q=hotel&status=Suspended&pack=hotels");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Target", "organization-results");

        var results = await PortalFactory.ParseAsync(await admin.SendAsync(request));

        Assert.Null(results.QuerySelector("h1"));
        Assert.Equal(["list-30", "list-15"], results.QuerySelectorAll("tr[data-slug]").Select(r => r.GetAttribute("data-slug")));
        var none = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations?q=100%25"));
        Assert.Equal("0 organizations", none.QuerySelector("[data-testid=organization-total]")?.TextContent);
    }

    [Fact]
    public async Task Deliver_queued_email_to_the_pickup_folder_without_smtp()
    {
        var message = await _portal.WithServiceAsync<OutboxMessage, CatalogDbContext>(async catalog =>
        {
            var queued = new OutboxMessage { To = "someone@example.test", Subject = "Pickup check", Body = "Hello http://odeon.localhost:5080/x" };
            catalog.OutboxMessages.Add(queued);
            await catalog.SaveChangesAsync();
            return queued;
        });
        var folder = OutboxDelivery.MailFolder(_portal.Services.GetRequiredService<IOptions<PortalOptions>>().Value);

        Assert.NotNull(await Eventually.ValueAsync(() => SentAtAsync(message.Id), sent => sent is not null, TimeSpan.FromSeconds(10)));
        Assert.Contains(Directory.GetFiles(folder, "*.eml"), file => File.ReadAllText(file).Contains("Subject: Pickup check"));
        var outbox = await PortalFactory.ParseAsync(await (await _portal.SuperAdminClientAsync()).GetAsync("/admin/outbox"));
        Assert.Contains(outbox.QuerySelectorAll("[data-testid=outbox-link]"), a => a.GetAttribute("href") == "http://odeon.localhost:5080/x");
    }

    private Task<DateTimeOffset?> SentAtAsync(Guid id) =>
        _portal.WithServiceAsync<DateTimeOffset?, CatalogDbContext>(catalog =>
            catalog.OutboxMessages.Where(m => m.Id == id).Select(m => m.SentAt).SingleAsync());
}
