namespace Onprest.Gateway.Configuration;

/// <summary>
/// Reads every <c>GATEWAY_*</c> variable in the validation order of gateway-http.md §4.1 and stops at the first
/// invalid one. An empty value means unset; an invalid value never falls back to the default.
/// </summary>
public static class GatewayConfigLoader
{
    public static GatewayOptions Load(Func<string, string?> environment)
    {
        string? Get(string name)
        {
            var value = environment(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        var addr = Get("GATEWAY_ADDR") ?? ":8080";
        var listen = ListenAddressParser.Parse(addr);

        // The admin listener (metrics, readiness, status page) is off unless set, and never shares the public port.
        var adminAddr = Get("GATEWAY_ADMIN_ADDR");
        var adminListen = adminAddr is null ? null : ListenAddressParser.Parse(adminAddr, "GATEWAY_ADMIN_ADDR");
        if (adminListen is not null && adminListen.Port == listen.Port)
        {
            throw new GatewayConfigException("GATEWAY_ADMIN_ADDR must use a different port than GATEWAY_ADDR");
        }

        var maxBody = Get("GATEWAY_MAX_REQUEST_BODY_BYTES") is { } bodyText
            ? EnvironmentScalars.PositiveInteger("GATEWAY_MAX_REQUEST_BODY_BYTES", bodyText)
            : 1_048_576;
        var rps = Get("GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND") is { } rpsText
            ? EnvironmentScalars.PositiveNumber("GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", rpsText)
            : 10;
        var burst = Get("GATEWAY_RATE_LIMIT_BURST") is { } burstText
            ? EnvironmentScalars.PositiveInteger("GATEWAY_RATE_LIMIT_BURST", burstText)
            : 20;
        var snapshot = Get("GATEWAY_EMIT_OPENAPI_SNAPSHOT") is { } snapshotText
            && EnvironmentScalars.Boolean("GATEWAY_EMIT_OPENAPI_SNAPSHOT", snapshotText);

        // Trimmed before the emptiness test: a value of only spaces is unset, like an empty one.
        var publicUrlText = Get("GATEWAY_PUBLIC_URL")?.Trim();
        var publicUrl = string.IsNullOrEmpty(publicUrlText) ? null : PublicUrlParser.Parse(publicUrlText);

        var cors = Get("GATEWAY_CORS_ALLOWED_ORIGINS") is { } corsText ? CorsOriginsParser.Parse(corsText) : [];

        var agentKey = AgentPublicKeyParser.Parse(Get("GATEWAY_AGENT_PUBLIC_KEY")
            ?? throw new GatewayConfigException(AgentPublicKeyParser.Required));

        var apiKeys = ApiKeysParser.Parse(Get("GATEWAY_API_KEYS_JSON"));

        var allowList = Get("GATEWAY_IP_ALLOW_LIST") is { } allowText
            ? IpListParser.Parse("GATEWAY_IP_ALLOW_LIST", allowText)
            : null;
        var trusted = Get("GATEWAY_TRUSTED_PROXY_CIDRS") is { } trustedText
            ? IpListParser.Parse("GATEWAY_TRUSTED_PROXY_CIDRS", trustedText)
            : [];

        var oauth = OAuthSettingsParser.Parse(Get, publicUrl);

        return new GatewayOptions
        {
            Addr = addr,
            Listen = listen,
            AdminAddr = adminAddr,
            AdminListen = adminListen,
            PublicUrl = publicUrl,
            AgentPublicKey = agentKey,
            ApiKeys = apiKeys,
            CorsAllowedOrigins = cors,
            // A list of only commas has no entry: it configures nothing, so every source stays allowed.
            IpAllowList = allowList is { Count: > 0 } ? allowList : null,
            TrustedProxies = trusted,
            RateLimitRequestsPerSecond = rps,
            RateLimitBurst = burst,
            EmitOpenApiSnapshot = snapshot,
            MaxRequestBodyBytes = maxBody,
            OAuth = oauth,
        };
    }
}
