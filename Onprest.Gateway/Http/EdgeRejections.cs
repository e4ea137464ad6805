using Onprest.Contracts.Errors;
using Onprest.Gateway.Logging;

namespace Onprest.Gateway.Http;

/// <summary>
/// Answers and logs the edge rejections of docs/gateway.md (IP denial, rate limit, unhandled error): on
/// <c>/mcp</c> as <c>mcp_http_rejected</c>, elsewhere as a <c>request</c> event with the capability from the path.
/// </summary>
public sealed class EdgeRejections(GatewayEventLog log)
{
    public Task RejectAsync(HttpContext context, int status, PublicError error, string? allow = null)
    {
        Log(context, status, error);
        return ErrorResponses.WriteAsync(context, status, error, allow);
    }

    public void Log(HttpContext context, int status, PublicError error)
    {
        var edge = EdgeRequest.Of(context);
        edge.EventWritten = true;
        if (string.Equals(context.Request.Path.Value, GatewayPaths.Mcp, StringComparison.Ordinal))
        {
            log.McpHttpRejected(status, error);
            return;
        }

        log.Request(new RequestEvent
        {
            Protocol = GatewayEvents.Rest,
            RequestId = RequestIds.New(),
            Capability = GatewayPaths.CapabilityForLog(context),
            ApiKeyName = string.Empty,
            HttpStatus = status,
            ErrorCode = error.Code,
            ErrorMessage = error.Message,
            DurationMs = edge.ElapsedMilliseconds,
        });
    }
}
