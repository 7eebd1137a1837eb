using System.ComponentModel.DataAnnotations;

namespace MarketEdge.Portal.Tenancy;

/// <summary>Settings under "Tenancy".</summary>
public sealed class TenancyOptions
{
    /// <summary>The name of the server the catalog lives on, always one of the database servers.</summary>
    public const string DefaultDatabaseServer = "default";

    /// <summary>Organizations live at {slug}.{RootDomain}.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9.-]+$")]
    public string RootDomain { get; set; } = "localhost";

    /// <summary>How long a looked-up organization is kept in memory; changes made here invalidate it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
