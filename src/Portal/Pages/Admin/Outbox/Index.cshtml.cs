using System.Text.RegularExpressions;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Email;
using MarketEdge.Portal.Setup;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Admin.Outbox;

/// <summary>The email outbox: what was sent or waits to be, with each message's links.</summary>
public sealed partial class IndexModel(CatalogDbContext catalog, IOptions<EmailOptions> email, IOptions<PortalOptions> portal) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    /// <summary>The pickup folder when no SMTP server is configured.</summary>
    public string? Pickup => string.IsNullOrWhiteSpace(email.Value.Smtp.Host) ? DeliverEmailJob.MailFolder(portal.Value) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Messages = await catalog.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(200).ToListAsync(cancellationToken);

    public static IEnumerable<string> LinksIn(string body) => Link().Matches(body).Select(m => m.Value);

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
