namespace Onprest.Gateway.Configuration;

/// <summary><c>GATEWAY_CORS_ALLOWED_ORIGINS</c> (docs/gateway.md): normalized to <c>scheme://host[:port]</c>.</summary>
internal static class CorsOriginsParser
{
    public static IReadOnlyList<string> Parse(string value)
    {
        var origins = new List<string>();
        foreach (var raw in value.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var normalized = Normalize(entry);
            if (!origins.Contains(normalized, StringComparer.Ordinal))
            {
                origins.Add(normalized);
            }
        }

        return origins;
    }

    private static string Normalize(string entry)
    {
        var schemeEnd = entry.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !Uri.TryCreate(entry, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new GatewayConfigException("GATEWAY_CORS_ALLOWED_ORIGINS must contain absolute http or https origins");
        }

        var authority = PublicUrlParser.AuthorityOf(entry, schemeEnd);
        if (authority.Length == 0 || authority.Contains('@'))
        {
            throw new GatewayConfigException("GATEWAY_CORS_ALLOWED_ORIGINS must contain absolute http or https origins");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new GatewayConfigException("GATEWAY_CORS_ALLOWED_ORIGINS must use http or https");
        }

        if (schemeEnd + 3 + authority.Length != entry.Length)
        {
            throw new GatewayConfigException("GATEWAY_CORS_ALLOWED_ORIGINS values must not include path, query, or fragment");
        }

        return uri.Scheme + "://" + authority.ToLowerInvariant();
    }
}
