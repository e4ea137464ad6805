using System.Net;
using Onprest.Gateway.Auth.OAuth;

namespace Onprest.Gateway.Configuration;

/// <summary>
/// The <c>GATEWAY_OAUTH_*</c> variables (docs/oauth.md). OAuth is on exactly when <c>GATEWAY_OAUTH_ISSUER</c> is set;
/// the other variables without it are a configuration error rather than silently ignored.
/// </summary>
internal static class OAuthSettingsParser
{
    public const string Issuer = "GATEWAY_OAUTH_ISSUER";
    public const string Audience = "GATEWAY_OAUTH_AUDIENCE";
    public const string MetadataUrl = "GATEWAY_OAUTH_METADATA_URL";
    public const string PermissionsClaim = "GATEWAY_OAUTH_PERMISSIONS_CLAIM";
    public const string ScopePrefix = "GATEWAY_OAUTH_SCOPE_PREFIX";

    private static readonly string[] Dependent = [Audience, MetadataUrl, PermissionsClaim, ScopePrefix];

    /// <summary>The settings, or null when OAuth is off.</summary>
    public static OAuthSettings? Parse(Func<string, string?> get, string? publicUrl)
    {
        var issuerText = get(Issuer)?.Trim();
        if (string.IsNullOrEmpty(issuerText))
        {
            foreach (var name in Dependent)
            {
                if (!string.IsNullOrEmpty(get(name)))
                {
                    throw new GatewayConfigException($"{name} requires {Issuer}");
                }
            }

            return null;
        }

        var issuer = AbsoluteUrl(Issuer, issuerText);
        if (publicUrl is null)
        {
            throw new GatewayConfigException($"{Issuer} requires GATEWAY_PUBLIC_URL (the resource that tokens are issued for)");
        }

        var metadata = get(MetadataUrl)?.Trim() is { Length: > 0 } metadataText
            ? AbsoluteUrl(MetadataUrl, metadataText).AbsoluteUri
            : issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration";
        var audiences = get(Audience) is { Length: > 0 } audienceText
            ? audienceText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [publicUrl, publicUrl + "/mcp"];
        if (audiences.Length == 0)
        {
            throw new GatewayConfigException($"{Audience} must name at least one audience");
        }

        var claim = get(PermissionsClaim)?.Trim() is { Length: > 0 } claimText ? claimText : "scope";
        var loopback = IsLoopback(issuer) && IsLoopback(new Uri(metadata));
        return new OAuthSettings
        {
            // Compared with "iss" exactly as written: issuers differ on a trailing slash.
            Issuer = issuerText,
            MetadataAddress = metadata,
            Audiences = audiences,
            Resource = publicUrl,
            PermissionsClaim = claim,
            ScopePrefix = get(ScopePrefix) ?? string.Empty,
            RequireHttpsMetadata = !loopback,
        };
    }

    private static Uri AbsoluteUrl(string variable, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new GatewayConfigException($"{variable} must be an absolute https URL");
        }

        // Keys fetched over plain HTTP could be swapped on the way; only a loopback issuer (development) may use it.
        if (uri.Scheme == "http" && !IsLoopback(uri))
        {
            throw new GatewayConfigException($"{variable} must use https (http only for a loopback issuer)");
        }

        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
