using Microsoft.AspNetCore.Http.Features;

namespace Onprest.Gateway.Http;

/// <summary>
/// The capability name of docs/gateway.md step 2: the rest of the raw path after the prefix, percent-decoded
/// once. The raw target is used because the server leaves <c>%2F</c> encoded in
/// <see cref="HttpRequest.Path"/> while decoding everything else, and decoding that again would decode twice.
/// </summary>
public static class CapabilityPath
{
    public static bool TryGetName(HttpContext context, out string name)
    {
        name = string.Empty;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        string rest;
        if (!string.IsNullOrEmpty(raw) && raw.StartsWith(GatewayPaths.CapabilitiesPrefix, StringComparison.Ordinal))
        {
            var end = raw.IndexOfAny(['?', '#']);
            rest = Uri.UnescapeDataString(end < 0 ? raw[GatewayPaths.CapabilitiesPrefix.Length..] : raw[GatewayPaths.CapabilitiesPrefix.Length..end]);
        }
        else
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (!path.StartsWith(GatewayPaths.CapabilitiesPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            rest = path[GatewayPaths.CapabilitiesPrefix.Length..].Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        if (rest.Length == 0 || rest.Contains('/'))
        {
            return false;
        }

        name = rest;
        return true;
    }
}
