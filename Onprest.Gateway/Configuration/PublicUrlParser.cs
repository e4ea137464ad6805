namespace Onprest.Gateway.Configuration;

/// <summary><c>GATEWAY_PUBLIC_URL</c>, checked after trimming in the order of docs/gateway.md.</summary>
internal static class PublicUrlParser
{
    public static string Parse(string trimmed)
    {
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)
            || AuthorityOf(trimmed, schemeEnd).Length == 0)
        {
            throw new GatewayConfigException("GATEWAY_PUBLIC_URL must be an absolute http or https URL");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new GatewayConfigException("GATEWAY_PUBLIC_URL must use http or https");
        }

        if (trimmed.Contains('?') || trimmed.Contains('#'))
        {
            throw new GatewayConfigException("GATEWAY_PUBLIC_URL must not include query or fragment");
        }

        if (AuthorityOf(trimmed, schemeEnd).Contains('@'))
        {
            throw new GatewayConfigException("GATEWAY_PUBLIC_URL must not include credentials");
        }

        return trimmed.TrimEnd('/');
    }

    internal static string AuthorityOf(string url, int schemeEnd)
    {
        var start = schemeEnd + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }
}
