namespace Onprest.Gateway.Auth.OAuth;

/// <summary>
/// The optional OAuth resource-server mode (docs/oauth.md): the gateway accepts JWT access tokens from one issuer
/// beside its API keys. It holds only the issuer's public keys (fetched from the issuer's metadata), never a secret.
/// </summary>
public sealed record OAuthSettings
{
    /// <summary><c>GATEWAY_OAUTH_ISSUER</c>: compared exactly with each token's <c>iss</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The issuer's metadata document (<c>jwks_uri</c> is read from it).</summary>
    public required string MetadataAddress { get; init; }

    /// <summary>Accepted <c>aud</c> values: the protected resource's identifiers.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>The gateway's public URL: the <c>resource</c> of the protected resource metadata.</summary>
    public required string Resource { get; init; }

    /// <summary>The claim whose values name capabilities (a space-separated string or an array).</summary>
    public string PermissionsClaim { get; init; } = "scope";

    /// <summary>Only values starting with this prefix count; the prefix is removed to give the capability name.</summary>
    public string ScopePrefix { get; init; } = string.Empty;

    /// <summary>False only for an issuer on a loopback address (local development and tests).</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off the gateway's clock.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest time between two key-set refreshes forced by an unknown <c>kid</c>.</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The protected resource metadata URL for a request path (<c>/mcp</c> has its own, path-suffixed one).</summary>
    public string ResourceMetadataUrl(string path) =>
        Resource + OAuthDefaults.ResourceMetadataPath + (path == "/mcp" ? "/mcp" : string.Empty);
}
