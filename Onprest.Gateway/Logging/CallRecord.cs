using System.Diagnostics;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Http;
using Onprest.Gateway.Telemetry;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Logging;

/// <summary>
/// What the one <c>request</c> event of a capability call says (REST and MCP <c>tools/call</c> alike, docs/api.md),
/// filled in as the checks progress; <see cref="Finish"/> writes it, once per request whatever the outcome.
/// </summary>
internal sealed class CallRecord(string requestId, string protocol)
{
    public string RequestId { get; } = requestId;

    public string Protocol { get; } = protocol;

    public string Capability { get; set; } = string.Empty;

    public string KeyName { get; set; } = string.Empty;

    public int Status { get; set; } = StatusCodes.Status500InternalServerError;

    public long? Count { get; set; }

    public PublicError? Error { get; set; } = PublicErrors.GatewayInternal;

    /// <summary>MCP: the agent's result of a successful call, written to the caller as it came (pass-through).</summary>
    public ReadOnlyMemory<byte>? AgentResult { get; set; }

    /// <summary>The event and the call's metrics, unless this request already wrote its event; ends <paramref name="span"/>.</summary>
    public void Finish(HttpContext context, GatewayEventLog log, IAgentTunnel tunnel, Activity? span)
    {
        var edge = EdgeRequest.Of(context);
        if (edge.EventWritten)
        {
            return;
        }

        edge.EventWritten = true;
        var finished = new RequestEvent
        {
            Protocol = Protocol,
            RequestId = RequestId,
            Capability = Capability,
            ApiKeyName = KeyName,
            HttpStatus = Status,
            Count = Count,
            ErrorCode = Error?.Code,
            ErrorMessage = Error?.Message,
            DurationMs = edge.ElapsedMilliseconds,
        };
        log.Request(finished);
        GatewayTelemetry.Record(finished, tunnel, span);
        span?.Dispose();
    }
}
