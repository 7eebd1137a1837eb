using System.Net;
using System.Net.Mail;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace MarketEdge.Portal.Email;

/// <summary>
/// Delivers what waits in the outbox, oldest first: by SMTP when Email:Smtp:Host is set, otherwise as
/// .eml files in &lt;data folder&gt;/mail. A message that fails stays in the outbox and is tried again.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeliverEmailJob(
    CatalogDbContext catalog, IOptions<EmailOptions> email, IOptions<PortalOptions> portal, ILogger<DeliverEmailJob> logger) : IJob
{
    public static readonly JobKey Key = new("deliver-email", "email");
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private const int BatchSize = 50;
    private const int MaxAttempts = 10;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var pending = await catalog.OutboxMessages
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts)
            .OrderBy(m => m.CreatedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in pending)
        {
            try
            {
                await DeliverAsync(message, cancellationToken);
                message.SentAt = DateTimeOffset.UtcNow;
                message.LastError = null;
            }
            catch (Exception failure) when (failure is SmtpException or IOException or InvalidOperationException)
            {
                logger.LogWarning(failure, "Could not deliver email {MessageId} to {To}", message.Id, message.To);
                message.LastError = failure.Message.Length > 2000 ? failure.Message[..2000] : failure.Message;
            }

            message.Attempts++;
            await catalog.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage(email.Value.From, message.To, message.Subject, message.Body);
        var smtp = email.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            var folder = Directory.CreateDirectory(MailFolder(portal.Value)).FullName;
            using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
            await client.SendMailAsync(mail, cancellationToken);
            return;
        }

        using var smtpClient = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            smtpClient.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        await smtpClient.SendMailAsync(mail, cancellationToken);
    }

    public static string MailFolder(PortalOptions portal) => Path.Combine(portal.DataDirectory, "mail");
}
