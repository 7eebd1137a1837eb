using System.Net;
using System.Net.Mail;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Email;

/// <summary>
/// Delivers what is due in the outbox, oldest first: by SMTP when Email:Smtp:Host is set, otherwise as .eml
/// files in &lt;data folder&gt;/mail. Each message stands alone: whatever goes wrong with one (a bad address,
/// a refusing server) counts an attempt for that message only, which then waits longer before the next
/// (30 s, 1, 2, 4 min …); after <see cref="MaxAttempts"/> it is set aside as Failed with its reason, for a
/// super admin to retry or discard. Nothing one message does holds up another.
/// </summary>
public sealed class OutboxDelivery(
    CatalogDbContext catalog, IOptions<EmailOptions> email, IOptions<PortalOptions> portal, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    public const int MaxAttempts = 5;
    private const int BatchSize = 50;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await catalog.OutboxMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.CreatedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            try
            {
                await SendAsync(message, cancellationToken);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Could not deliver email {MessageId} (attempt {Attempt})", message.Id, message.Attempts + 1);
                message.LastError = Reason(failure);
                message.NextAttemptAt = clock.GetUtcNow() + FirstRetry * Math.Pow(2, message.Attempts);
                if (message.Attempts + 1 >= MaxAttempts)
                {
                    message.FailedAt = clock.GetUtcNow();
                }
            }

            message.Attempts++;
            await catalog.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A failed message goes back in the queue, due now, with a fresh count of attempts.</summary>
    public static void Retry(OutboxMessage message)
    {
        message.FailedAt = null;
        message.NextAttemptAt = null;
        message.Attempts = 0;
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage(email.Value.From, message.To, message.Subject, message.Body);
        var smtp = email.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            var folder = Directory.CreateDirectory(MailFolder(portal.Value)).FullName;
            using var pickup = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
            await pickup.SendMailAsync(mail, cancellationToken);
            return;
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
    }

    private static string Reason(Exception failure)
    {
        var reason = failure is FormatException ? $"The address is not one that can be sent to ({failure.Message})" : failure.Message;
        return reason.Length > 2000 ? reason[..2000] : reason;
    }

    public static string MailFolder(PortalOptions portal) => Path.Combine(portal.DataDirectory, "mail");
}
