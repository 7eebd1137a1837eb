using System.ComponentModel.DataAnnotations;

namespace MarketEdge.Portal.Setup;

/// <summary>Settings under "Portal".</summary>
public sealed class PortalOptions
{
    /// <summary>Where the embedded PostgreSQL, mail pickup and data-protection keys live. Made absolute at start.</summary>
    [Required]
    public string DataDirectory { get; set; } = "";

    /// <summary>
    /// How people reach the portal from outside, e.g. https://marketedge.example, used for links in
    /// emails (an organization's links go to its subdomain of this). Not set: the address the portal
    /// listens on, as localhost (http://localhost:5080 with ./run.sh).
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    public const string DefaultPublicBaseUrl = "http://localhost:5080";

    /// <summary>Where the embedded PostgreSQL's programs (initdb, pg_ctl) are; empty means look for them.</summary>
    public string? PostgresBinDirectory { get; set; }
}
