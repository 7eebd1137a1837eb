using MarketEdge.Portal.Web;
using System.Text.RegularExpressions;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Email;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Admin.Outbox;

/// <summary>The email outbox: what was sent, waits, or failed (with why), each message's links; failed ones can be retried or discarded.</summary>
public sealed partial class IndexModel(CatalogDbContext catalog, AuditLog audit, IOptions<EmailOptions> email, IOptions<PortalOptions> portal) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    /// <summary>The pickup folder when no SMTP server is configured.</summary>
    public string? Pickup => string.IsNullOrWhiteSpace(email.Value.Smtp.Host) ? OutboxDelivery.MailFolder(portal.Value) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Messages = await catalog.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.FailedAt != null).ThenByDescending(m => m.CreatedAt)
            .Take(200).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await catalog.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.FailedAt != null, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        OutboxDelivery.Retry(message);
        audit.Add("outbox.retried", User.UserId(), message.OrganizationId, message.Subject);
        await catalog.SaveChangesAsync(cancellationToken);
        this.Notify("The message will be sent again in a few seconds.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken cancellationToken)
    {
        // Only a message set aside: one still queued may be in the middle of being sent.
        var message = await catalog.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.SentAt == null && m.FailedAt != null, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        catalog.OutboxMessages.Remove(message);
        audit.Add("outbox.discarded", User.UserId(), message.OrganizationId, message.Subject);
        await catalog.SaveChangesAsync(cancellationToken);
        this.Notify("The message was discarded.");
        return RedirectToPage();
    }

    public static IEnumerable<string> LinksIn(string body) => Link().Matches(body).Select(m => m.Value);

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
