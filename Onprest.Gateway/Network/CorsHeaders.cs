using Microsoft.Extensions.Primitives;

namespace Onprest.Gateway.Network;

/// <summary>The CORS response headers of docs/gateway.md (allowed headers per ).</summary>
public static class CorsHeaders
{
    public const string AllowMethods = "GET, POST, OPTIONS";
    public const string AllowHeaders = "Authorization, X-API-Key, Content-Type, Accept, MCP-Protocol-Version";

    private static readonly StringValues VaryValues = new(["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"]);

    public static void Apply(HttpContext context, string? origin)
    {
        if (origin is null)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = AllowMethods;
        headers.AccessControlAllowHeaders = AllowHeaders;
        headers.AccessControlMaxAge = "600";
        headers.Vary = VaryValues;
    }
}
