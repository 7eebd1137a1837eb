using QRCoder;

namespace MarketEdge.Portal.Identity.TwoFactor;

/// <summary>The otpauth:// address an authenticator app scans (Key URI format), and its QR code as a PNG data URL.</summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "MarketEdge";

    public static string UriFor(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>A PNG (the page's CSP allows data: images; no script is needed to draw it).</summary>
    public static string PngDataUrl(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    /// <summary>The key as people type it: groups of four.</summary>
    public static string Readable(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(group => new string(group)));
}
