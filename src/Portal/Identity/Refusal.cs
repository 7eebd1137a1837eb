namespace MarketEdge.Portal.Identity;

/// <summary>
/// The one shape of "no" from a service to a page: the message to show, the form field it belongs beside
/// (none: above the form), or <see cref="NotFound"/> when an id is not of the resolved organization.
/// </summary>
public sealed record Refusal(string Message, string? Field = null, bool NotFound = false)
{
    public static readonly Refusal Missing = new("Not found in this organization.", NotFound: true);
}
