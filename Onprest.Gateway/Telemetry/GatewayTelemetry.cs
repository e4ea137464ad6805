using System.Diagnostics;
using System.Diagnostics.Metrics;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Telemetry;

/// <summary>
/// The gateway's spans and metrics (logging.md §2): <c>onprest.gateway.call</c> per REST call and MCP
/// <c>tools/call</c>, a child <c>onprest.tunnel.call</c> whose context travels in the request frame, and the
/// request counter and duration histogram recorded with every <c>request</c> event. Attributes: capability, key
/// name, status code and error code only. Without a listener (telemetry off) every call here is a no-op.
/// </summary>
internal static class GatewayTelemetry
{
    private static readonly Counter<long> Requests = OnprestTelemetry.Meter.CreateCounter<long>("onprest.gateway.requests");

    private static readonly Histogram<double> Duration = OnprestTelemetry.Meter.CreateHistogram<double>("onprest.gateway.request.duration", unit: "s");

    private static IAgentTunnel? observedTunnel;

    static GatewayTelemetry()
    {
        OnprestTelemetry.Meter.CreateObservableGauge("onprest.gateway.agent.connected", () => observedTunnel?.IsConnected == true ? 1 : 0);
    }

    /// <summary>Lets the <c>onprest.gateway.agent.connected</c> gauge read the live connection state.</summary>
    public static void Observe(IAgentTunnel tunnel) => observedTunnel = tunnel;

    public static Activity? StartCall() => OnprestTelemetry.Source.StartActivity("onprest.gateway.call", ActivityKind.Internal);

    /// <summary>The tunnel round trip; its <see cref="Activity.Id"/> is the W3C <c>traceparent</c> of the request frame.</summary>
    public static Activity? StartTunnel(string capability)
    {
        var activity = OnprestTelemetry.Source.StartActivity("onprest.tunnel.call", ActivityKind.Client);
        activity?.SetTag(OnprestTelemetry.CapabilityAttribute, capability);
        return activity;
    }

    /// <summary>Ends the tunnel span with the call's outcome.</summary>
    public static void CompleteTunnel(Activity? tunnel, AgentCallResult result)
    {
        if (tunnel is not null && result is AgentCallResult.Failure failure)
        {
            OnprestTelemetry.SetError(tunnel, failure.Error.Code);
        }
    }

    /// <summary>Records one request's metrics and, when given, finishes its call span.</summary>
    public static void Record(RequestEvent e, Activity? call = null)
    {
        // A request no key vouched for carries whatever path its sender chose: its name never becomes an attribute,
        // or anyone could create unbounded metric series.
        var capability = e.ApiKeyName.Length == 0 ? string.Empty : e.Capability;
        var tags = new TagList
        {
            { OnprestTelemetry.CapabilityAttribute, capability },
            { OnprestTelemetry.ApiKeyNameAttribute, e.ApiKeyName },
            { OnprestTelemetry.StatusCodeAttribute, e.HttpStatus },
        };
        if (e.ErrorCode is not null)
        {
            tags.Add(OnprestTelemetry.ErrorCodeAttribute, e.ErrorCode);
        }

        Requests.Add(1, tags);
        Duration.Record(e.DurationMs / 1000.0, tags);

        if (call is not null)
        {
            call.SetTag(OnprestTelemetry.CapabilityAttribute, capability);
            call.SetTag(OnprestTelemetry.ApiKeyNameAttribute, e.ApiKeyName);
            call.SetTag(OnprestTelemetry.StatusCodeAttribute, e.HttpStatus);
            OnprestTelemetry.SetError(call, e.ErrorCode);
        }
    }
}
