namespace Onprest.Gateway.Auth.OAuth;

/// <summary>Names of the OAuth mode.</summary>
public static class OAuthDefaults
{
    /// <summary>The authentication scheme of the JWT bearer handler.</summary>
    public const string AuthenticationScheme = "OAuth";

    /// <summary>RFC 9728 well-known path of the protected resource metadata.</summary>
    public const string ResourceMetadataPath = Http.GatewayPaths.ResourceMetadata;

    /// <summary>The path-suffixed form for the MCP endpoint.</summary>
    public const string McpResourceMetadataPath = Http.GatewayPaths.McpResourceMetadata;

    /// <summary>Prefix of the caller name written to logs for a token's subject.</summary>
    public const string CallerNamePrefix = "oauth:";

    /// <summary>The key-name attribute that metrics carry for every OAuth caller (subjects are unbounded).</summary>
    public const string MetricCallerName = "oauth";
}
