using System.ComponentModel.DataAnnotations;

namespace MarketEdge.Portal.Tenancy;

/// <summary>Settings under "Tenancy".</summary>
public sealed class TenancyOptions
{
    /// <summary>The name of the server the catalog lives on, always one of the database servers.</summary>
    public const string DefaultDatabaseServer = "default";

    /// <summary>Where the switcher and sign-in send people: an organization's subdomain (Host) or its /o/{slug}/ route on the root host (Route).</summary>
    public TenancyMode Mode { get; set; } = TenancyMode.Route;

    /// <summary>Organizations live at {slug}.{RootDomain}.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9.-]+$")]
    public string RootDomain { get; set; } = "localhost";

    /// <summary>
    /// How long a cached organization or switcher lives while catalog changes are not being announced
    /// (the listening connection is down); while they are, changes drop cached entries at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where organization databases may go: name → connection string (its database part is ignored).
    /// A new organization goes to the one holding fewest; "default" is the catalog's own server unless named here.
    /// </summary>
    public Dictionary<string, string> DatabaseServers { get; set; } = [];

    /// <summary>The most connections this process has open to organization databases at once, all organizations together.</summary>
    [Range(1, 1000)]
    public int MaxOrganizationConnections { get; set; } = 30;

    /// <summary>How long an archived organization's database is kept before it is dropped (the archive can be cancelled until then).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan DeleteAfter { get; set; } = TimeSpan.FromDays(7);
}

public enum TenancyMode
{
    Route,
    Host,
}
