using Onprest.Contracts.Errors;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Http;
using Onprest.Gateway.Telemetry;

namespace Onprest.Gateway.Network;

/// <summary>
/// Steps 2–4 of docs/gateway.md on every request, preflights and unmatched paths included:
/// derive the source address, apply the IP allow list, then take a token from the source's bucket.
/// </summary>
public sealed class NetworkGuardMiddleware(RequestDelegate next, GatewayOptions options, SourceRateLimiter limiter, EdgeRejections rejections)
{
    public Task InvokeAsync(HttpContext context)
    {
        var edge = EdgeRequest.Of(context);
        edge.SourceAddress = SourceAddressResolver.Resolve(context.Connection.RemoteIpAddress, context.Request.Headers, options.TrustedProxies);

        if (options.IpAllowList is { } allowList && !SourceAddressResolver.IsTrusted(edge.SourceAddress, allowList))
        {
            return rejections.RejectAsync(context, StatusCodes.Status403Forbidden, PublicErrors.SourceIpNotAllowed);
        }

        if (!limiter.TryAcquire(edge.SourceAddress))
        {
            GatewayTelemetry.RateLimited();
            return rejections.RejectAsync(context, StatusCodes.Status429TooManyRequests, PublicErrors.TooManyRequests);
        }

        return next(context);
    }
}
