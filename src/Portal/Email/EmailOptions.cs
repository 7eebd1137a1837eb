namespace MarketEdge.Portal.Email;

/// <summary>Settings under "Email". Without an SMTP host, messages are written to &lt;data folder&gt;/mail and listed on /admin/outbox.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "MarketEdge <no-reply@marketedge.local>";

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public bool EnableSsl { get; set; } = true;

        public string? UserName { get; set; }

        public string? Password { get; set; }
    }
}
