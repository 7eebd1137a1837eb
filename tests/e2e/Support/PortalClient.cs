using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// A cookie-keeping HTTP client for a running portal that posts forms with their antiforgery token, for
/// journeys that need no browser. Every host name (odeon.localhost, ...) is connected to the portal's
/// loopback port, as a browser resolves *.localhost.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly PortalProcess _portal;
    private readonly string _host;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public PortalClient(PortalProcess portal, string host = "localhost")
    {
        _portal = portal;
        _host = host;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = _cookies,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, portal.Port, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
    }

    public static async Task<PortalClient> SignedInAsync(PortalProcess portal, string email = PortalProcess.SuperAdminEmail, string host = "localhost")
    {
        var client = new PortalClient(portal, host);
        var response = await client.PostFormAsync("/account/login", "/account/login", ("Input.Email", email), ("Input.Password", PortalProcess.Password));
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Sign-in as {email} on {host} failed.");
    }

    /// <summary>Accepts the invitation <paramref name="link"/> leads to as a new person, with a name and the usual password, on the link's host.</summary>
    public static async Task AcceptInvitationAsync(PortalProcess portal, string link, string name)
    {
        var address = new Uri(link);
        using var client = new PortalClient(portal, address.Host);
        var accepted = await client.PostFormAsync(address.PathAndQuery, address.PathAndQuery,
            ("Input.DisplayName", name), ("Input.Password", PortalProcess.Password));
        if (accepted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Accepting the invitation as {name} answered {(int)accepted.StatusCode}.");
        }
    }

    /// <summary>The Cookie header this client sends to its host: lets another load generator act as the same signed-in person.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(new Uri(_portal.Url(_host)));

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(_portal.Url(_host, path));

    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, params (string Name, string Value)[] fields) =>
        await PostWithTokenAsync(await FormTokenAsync(pagePath), action, fields);

    /// <summary>The antiforgery token of the form on <paramref name="pagePath"/>, for a post timed on its own.</summary>
    public async Task<string> FormTokenAsync(string pagePath)
    {
        var page = await (await GetAsync(pagePath)).Content.ReadAsStringAsync();
        return Token().Match(page).Groups[1].Value;
    }

    public Task<HttpResponseMessage> PostWithTokenAsync(string token, string action, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = token;
        return _http.PostAsync(_portal.Url(_host, action), new FormUrlEncodedContent(values));
    }

    /// <summary>Uploads <paramref name="file"/> as the form on <paramref name="pagePath"/> would, in its field <paramref name="field"/>.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string pagePath, string action, string field, string fileName, byte[] file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await FormTokenAsync(pagePath)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), field, fileName },
        };
        return await _http.PostAsync(_portal.Url(_host, action), form);
    }

    public Task<HttpResponseMessage> CreateOrganizationAsync(string name, string slug, string packId = "cinema", string sicCode = "59140") =>
        PostFormAsync("/admin/organizations/new", "/admin/organizations/new", NewOrganizationFields(name, slug, packId, sicCode));

    public static (string Name, string Value)[] NewOrganizationFields(string name, string slug, string packId = "cinema", string sicCode = "59140") =>
    [
        ("Input.Name", name), ("Input.Slug", slug), ("Input.PackId", packId), ("Input.SicCode", sicCode),
        ("Input.FirstAdminEmail", $"admin@{slug}.test"),
    ];

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
