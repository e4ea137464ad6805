namespace Onprest.Gateway.Configuration;

/// <summary>
/// Reads every <c>GATEWAY_*</c> variable in a fixed order and reports every invalid
/// or missing one at once, in that order, so an operator fixes the whole file in one round. An empty value means
/// unset; an invalid value never falls back to the default.
/// </summary>
public static class GatewayConfigLoader
{
    public const string Ipv6PrefixVariable = "GATEWAY_RATE_LIMIT_IPV6_PREFIX";

    public static GatewayOptions Load(Func<string, string?> environment)
    {
        var problems = new List<string>();

        string? Get(string name)
        {
            var value = environment(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        // Each variable is read on its own: a failure is noted and the next variable is still checked.
        T Check<T>(Func<T> read, T fallback)
        {
            try
            {
                return read();
            }
            catch (GatewayConfigException exception)
            {
                problems.AddRange(exception.Problems);
                return fallback;
            }
        }

        var addr = Get("GATEWAY_ADDR") ?? ":8080";
        var listen = Check(() => ListenAddressParser.Parse(addr), new ListenAddress(string.Empty, 8080));

        // The admin listener (metrics, readiness, status page) is off unless set, and never shares the public port.
        var adminAddr = Get("GATEWAY_ADMIN_ADDR");
        var adminListen = adminAddr is null ? null : Check<ListenAddress?>(() => ListenAddressParser.Parse(adminAddr, "GATEWAY_ADMIN_ADDR"), null);
        if (adminListen is not null && adminListen.Port == listen.Port)
        {
            problems.Add("GATEWAY_ADMIN_ADDR must use a different port than GATEWAY_ADDR");
        }

        var maxBody = Get("GATEWAY_MAX_REQUEST_BODY_BYTES") is { } bodyText
            ? Check(() => EnvironmentScalars.PositiveInteger("GATEWAY_MAX_REQUEST_BODY_BYTES", bodyText), 0)
            : 1_048_576;
        var rps = Get("GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND") is { } rpsText
            ? Check(() => EnvironmentScalars.PositiveNumber("GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", rpsText), 0)
            : 10;
        var burst = Get("GATEWAY_RATE_LIMIT_BURST") is { } burstText
            ? Check(() => EnvironmentScalars.PositiveInteger("GATEWAY_RATE_LIMIT_BURST", burstText), 0)
            : 20;
        var ipv6Prefix = Get(Ipv6PrefixVariable) is { } prefixText
            ? Check(() => EnvironmentScalars.IntegerInRange(Ipv6PrefixVariable, prefixText, 1, 128), 0)
            : Network.SourcePartition.DefaultIpv6Prefix;
        var snapshot = Get("GATEWAY_EMIT_OPENAPI_SNAPSHOT") is { } snapshotText
            && Check(() => EnvironmentScalars.Boolean("GATEWAY_EMIT_OPENAPI_SNAPSHOT", snapshotText), false);

        // Trimmed before the emptiness test: a value of only spaces is unset, like an empty one.
        var publicUrlText = Get("GATEWAY_PUBLIC_URL")?.Trim();
        var publicUrl = string.IsNullOrEmpty(publicUrlText) ? null : Check(() => PublicUrlParser.Parse(publicUrlText), null);

        var cors = Get("GATEWAY_CORS_ALLOWED_ORIGINS") is { } corsText ? Check(() => CorsOriginsParser.Parse(corsText), []) : [];

        var agentKeys = Check(
            () => AgentPublicKeyParser.ParseList(Get("GATEWAY_AGENT_PUBLIC_KEY") ?? throw new GatewayConfigException(AgentPublicKeyParser.Required)),
            []);

        var apiKeys = Check(() => ApiKeysParser.Parse(Get("GATEWAY_API_KEYS_JSON")), []);

        var allowList = Get("GATEWAY_IP_ALLOW_LIST") is { } allowText
            ? Check(() => IpListParser.Parse("GATEWAY_IP_ALLOW_LIST", allowText), [])
            : null;
        var trusted = Get("GATEWAY_TRUSTED_PROXY_CIDRS") is { } trustedText
            ? Check(() => IpListParser.Parse("GATEWAY_TRUSTED_PROXY_CIDRS", trustedText), [])
            : [];

        var oauth = Check(() => OAuthSettingsParser.Parse(Get, publicUrl), null);

        if (problems.Count > 0)
        {
            throw new GatewayConfigException(problems);
        }

        return new GatewayOptions
        {
            Addr = addr,
            Listen = listen,
            AdminAddr = adminAddr,
            AdminListen = adminListen,
            PublicUrl = publicUrl,
            AgentPublicKeys = agentKeys,
            ApiKeys = apiKeys,
            CorsAllowedOrigins = cors,
            // A list of only commas has no entry: it configures nothing, so every source stays allowed.
            IpAllowList = allowList is { Count: > 0 } ? allowList : null,
            TrustedProxies = trusted,
            RateLimitRequestsPerSecond = rps,
            RateLimitBurst = burst,
            RateLimitIpv6Prefix = (int)ipv6Prefix,
            EmitOpenApiSnapshot = snapshot,
            MaxRequestBodyBytes = maxBody,
            OAuth = oauth,
        };
    }
}
