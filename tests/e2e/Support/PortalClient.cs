using System.Net;
using System.Text.RegularExpressions;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>A cookie-keeping HTTP client for a running portal that posts forms with their antiforgery token, for journeys that need no browser.</summary>
public sealed partial class PortalClient(PortalProcess portal, string host = "localhost") : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    public static async Task<PortalClient> SignedInAsync(PortalProcess portal, string email = PortalProcess.SuperAdminEmail)
    {
        var client = new PortalClient(portal);
        var response = await client.PostFormAsync("/account/login", "/account/login", ("Input.Email", email), ("Input.Password", PortalProcess.Password));
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Sign-in as {email} failed.");
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(portal.Url(host, path));

    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, params (string Name, string Value)[] fields)
    {
        var page = await (await GetAsync(pagePath)).Content.ReadAsStringAsync();
        var token = Token().Match(page).Groups[1].Value;
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = token;
        return await _http.PostAsync(portal.Url(host, action), new FormUrlEncodedContent(values));
    }

    public Task<HttpResponseMessage> CreateOrganizationAsync(string name, string slug, string packId = "cinema", string sicCode = "59140") =>
        PostFormAsync("/admin/organizations/new", "/admin/organizations/new",
            ("Input.Name", name), ("Input.Slug", slug), ("Input.PackId", packId), ("Input.SicCode", sicCode),
            ("Input.FirstAdminEmail", $"admin@{slug}.test"));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
