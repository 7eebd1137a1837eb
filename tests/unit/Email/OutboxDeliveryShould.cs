using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Email;
using MarketEdge.Portal.Setup;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tests.Email;

/// <summary>The delivery of the outbox, on a catalog of its own, with a clock the test moves.</summary>
public sealed class OutboxDeliveryShould : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("marketedge-outbox-").FullName;
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Deliver_the_message_behind_one_that_cannot_be_sent_and_set_the_bad_one_aside_after_a_few_attempts()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        var bad = await QueueAsync(catalog, "x@y..z");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var good = await QueueAsync(catalog, "someone@example.test");

        await DeliverAsync(catalog);

        var (badAfterOne, goodAfterOne) = (await FindAsync(catalog, bad), await FindAsync(catalog, good));
        Assert.NotNull(goodAfterOne.SentAt);
        Assert.Equal(1, badAfterOne.Attempts);
        Assert.Null(badAfterOne.SentAt);
        Assert.Contains("address", badAfterOne.LastError);

        await DeliverAsync(catalog); // not due yet: waits before the next attempt
        Assert.Equal(1, (await FindAsync(catalog, bad)).Attempts);

        for (var attempt = 2; attempt <= OutboxDelivery.MaxAttempts + 2; attempt++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            await DeliverAsync(catalog);
        }

        var setAside = await FindAsync(catalog, bad);
        Assert.Equal(OutboxDelivery.MaxAttempts, setAside.Attempts);
        Assert.NotNull(setAside.FailedAt);
    }

    [Fact]
    public void Accept_only_one_plain_address_that_mail_parses_back_unchanged()
    {
        Assert.Null(MailboxAddress.Problem("name@example.com"));
        Assert.Null(MailboxAddress.Problem("first.last+tag@sub.example.co.uk"));
        foreach (var bad in new[] { "x@y..z", "a..b@c.com", "Name <name@example.com>", "a@example.com, b@example.com", "a@example.com b@example.com",
                     "name@localhost", "no-at-sign", "@example.com", "name@", new string('a', 65) + "@example.com", "a@" + new string('b', 250) + ".com", "" })
        {
            Assert.NotNull(MailboxAddress.Problem(bad));
        }
    }

    private async Task DeliverAsync(CatalogDatabase catalog)
    {
        await using var context = catalog.NewContext();
        var delivery = new OutboxDelivery(context, Options.Create(new EmailOptions()),
            Options.Create(new PortalOptions { DataDirectory = _dataDirectory }), _clock, NullLogger<OutboxDelivery>.Instance);
        await delivery.DeliverDueAsync(CancellationToken.None);
    }

    private async Task<Guid> QueueAsync(CatalogDatabase catalog, string to)
    {
        await using var context = catalog.NewContext();
        var message = new OutboxMessage { To = to, Subject = "Hello", Body = "Hello", CreatedAt = _clock.GetUtcNow() };
        context.OutboxMessages.Add(message);
        await context.SaveChangesAsync();
        return message.Id;
    }

    private static async Task<OutboxMessage> FindAsync(CatalogDatabase catalog, Guid id)
    {
        await using var context = catalog.NewContext();
        return await context.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
