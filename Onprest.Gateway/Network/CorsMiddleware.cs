using Onprest.Gateway.Configuration;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Network;

/// <summary>
/// Step 5 of docs/gateway.md: CORS headers for an allowed <c>Origin</c> on every response, and every
/// <c>OPTIONS</c> answered here (204, or 403 with an empty body for an origin that is not allowed), unauthenticated
/// and unlogged. The <c>/mcp</c> refusal of other origins is the MCP endpoint's own step (docs/api.md).
/// </summary>
public sealed class CorsMiddleware(RequestDelegate next, GatewayOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origins = context.Request.Headers.Origin;
        var allowed = AllowedOrigin(origins, options.CorsAllowedOrigins);
        EdgeRequest.Of(context).CorsOrigin = allowed;

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            if (origins.Count > 0 && allowed is null)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            CorsHeaders.Apply(context, allowed);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        CorsHeaders.Apply(context, allowed);
        return next(context);
    }

    /// <summary>The origin when it equals, byte for byte, one normalized allowed origin; <c>null</c> never matches.</summary>
    public static string? AllowedOrigin(Microsoft.Extensions.Primitives.StringValues origins, IReadOnlyList<string> allowed)
    {
        if (origins.Count != 1 || origins[0] is not { Length: > 0 } origin)
        {
            return null;
        }

        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, origin, StringComparison.Ordinal))
            {
                return origin;
            }
        }

        return null;
    }
}
