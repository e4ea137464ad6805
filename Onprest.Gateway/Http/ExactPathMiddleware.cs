using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Http;

/// <summary>
/// docs/gateway.md: paths are matched exactly (case-sensitive, no trailing slash, no normalization).
/// Endpoint routing alone is case-insensitive and tolerates a trailing slash, so anything that is not one of the
/// listed paths gets the JSON 404 here, unlogged.
/// </summary>
public sealed class ExactPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        GatewayPaths.IsKnown(context.Request.Path.Value ?? string.Empty)
            ? next(context)
            : NotFoundAsync(context);

    public static Task NotFoundAsync(HttpContext context) =>
        ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, PublicErrors.NotFound);
}
