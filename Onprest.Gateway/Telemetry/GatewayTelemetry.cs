using System.Diagnostics;
using System.Diagnostics.Metrics;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Telemetry;

/// <summary>
/// The gateway's spans and metrics (docs/observability.md): <c>onprest.gateway.call</c> per REST call and MCP
/// <c>tools/call</c>, a child <c>onprest.tunnel.call</c> whose context travels in the request frame, and the
/// instruments of <see cref="GatewayMetricNames"/>. Attributes: capability (closed by <see cref="CapabilityLabels"/>),
/// key name, status code and error code only. Without a listener (telemetry off, no admin listener) every
/// measurement here is a no-op.
/// </summary>
internal static class GatewayTelemetry
{
    private static readonly Counter<long> Requests = OnprestTelemetry.Meter.CreateCounter<long>(GatewayMetricNames.Requests, description: "Finished REST calls and MCP tool calls.");

    private static readonly Histogram<double> Duration = OnprestTelemetry.Meter.CreateHistogram<double>(GatewayMetricNames.RequestDuration, unit: "s", description: "Whole call, from the first byte of the request to the answer.");

    private static readonly Histogram<double> AgentDuration = OnprestTelemetry.Meter.CreateHistogram<double>(GatewayMetricNames.AgentDuration, unit: "s", description: "The agent's part of a call: from handing the frame to the tunnel to its answer.");

    private static readonly UpDownCounter<long> InFlight = OnprestTelemetry.Meter.CreateUpDownCounter<long>(GatewayMetricNames.CallsInFlight, description: "Calls handed to the agent and not yet answered.");

    private static readonly Counter<long> BcryptVerifications = OnprestTelemetry.Meter.CreateCounter<long>(GatewayMetricNames.BcryptVerifications, description: "API key checks that missed the cache and ran bcrypt.");

    private static readonly Counter<long> AuthenticationBusy = OnprestTelemetry.Meter.CreateCounter<long>(GatewayMetricNames.AuthenticationBusy, description: "Requests answered GATEWAY_AUTH_BUSY because every bcrypt slot was taken.");

    private static readonly Counter<long> RateLimitedAnswers = OnprestTelemetry.Meter.CreateCounter<long>(GatewayMetricNames.RateLimited, description: "Requests answered 429 by the per-source rate limit.");

    private static readonly Counter<long> Reconnects = OnprestTelemetry.Meter.CreateCounter<long>(GatewayMetricNames.TunnelReconnects, description: "Agent sessions accepted after the first one since the gateway started.");

    private static IAgentTunnel? observedTunnel;

    private static int sessionsAccepted;

    static GatewayTelemetry()
    {
        OnprestTelemetry.Meter.CreateObservableGauge(GatewayMetricNames.AgentConnected, () => observedTunnel?.ConnectedAgents ?? 0, description: "Open agent connections: 1 while the single agent is connected, the number connected for a pool.");
        OnprestTelemetry.Meter.CreateObservableGauge(GatewayMetricNames.MetadataCached, () => observedTunnel?.Metadata is not null ? 1 : 0, description: "1 while the connected agent's metadata is cached.");
    }

    /// <summary>Lets the connection gauges read the live tunnel.</summary>
    public static void Observe(IAgentTunnel tunnel) => observedTunnel = tunnel;

    public static Activity? StartCall() => OnprestTelemetry.Source.StartActivity("onprest.gateway.call", ActivityKind.Internal);

    /// <summary>
    /// The tunnel round trip: counts the call in flight, starts its clock and, when traces are on, the
    /// <c>onprest.tunnel.call</c> span whose <see cref="TunnelHop.TraceParent"/> travels in the request frame.
    /// </summary>
    public static TunnelHop StartTunnel(string capability, IAgentTunnel tunnel)
    {
        var activity = OnprestTelemetry.Source.StartActivity("onprest.tunnel.call", ActivityKind.Client);
        activity?.SetTag(OnprestTelemetry.CapabilityAttribute, capability);
        InFlight.Add(1);
        return new TunnelHop(activity, CapabilityLabels.Of(capability, tunnel), Stopwatch.GetTimestamp());
    }

    /// <summary>Records the agent's part of the call and ends the tunnel span with the call's outcome.</summary>
    public static void CompleteTunnel(in TunnelHop hop, AgentCallResult result)
    {
        AgentDuration.Record(Stopwatch.GetElapsedTime(hop.Started).TotalSeconds, new KeyValuePair<string, object?>(OnprestTelemetry.CapabilityAttribute, hop.CapabilityLabel));
        if (hop.Activity is not null && result is AgentCallResult.Failure failure)
        {
            OnprestTelemetry.SetError(hop.Activity, failure.Error.Code);
        }
    }

    /// <summary>Called by <see cref="TunnelHop.Dispose"/>: the call is no longer in flight, whatever happened.</summary>
    internal static void EndTunnel() => InFlight.Add(-1);

    /// <summary>One API key check that ran bcrypt (a cache miss that got a slot).</summary>
    public static void BcryptVerification() => BcryptVerifications.Add(1);

    /// <summary>One request turned away because every bcrypt slot was taken.</summary>
    public static void AuthenticationBusyAnswer() => AuthenticationBusy.Add(1);

    /// <summary>One request answered 429 by the per-source rate limit.</summary>
    public static void RateLimited() => RateLimitedAnswers.Add(1);

    /// <summary>An agent session was accepted; every one after the first since start is a reconnect.</summary>
    public static void AgentSessionAccepted()
    {
        if (Interlocked.Increment(ref sessionsAccepted) > 1)
        {
            Reconnects.Add(1);
        }
    }

    /// <summary>
    /// Key names come from configuration (a closed set); token subjects do not, so every OAuth caller shares one
    /// attribute value and the subject stays in the request event alone.
    /// </summary>
    internal static string MetricCallerName(string name) =>
        name.StartsWith(Auth.OAuth.OAuthDefaults.CallerNamePrefix, StringComparison.Ordinal) ? Auth.OAuth.OAuthDefaults.MetricCallerName : name;

    /// <summary>Records one request's metrics and, when given, finishes its call span.</summary>
    public static void Record(RequestEvent e, IAgentTunnel tunnel, Activity? call = null)
    {
        // Unauthenticated requests may name any capability in their path: metric labels stay a closed set — only
        // names the agent's metadata publishes, and none at all for a request no key vouched for.
        var capability = e.ApiKeyName.Length == 0 ? string.Empty : CapabilityLabels.Of(e.Capability, tunnel);
        var tags = new TagList
        {
            { OnprestTelemetry.CapabilityAttribute, capability },
            { OnprestTelemetry.ApiKeyNameAttribute, MetricCallerName(e.ApiKeyName) },
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
            call.SetTag(OnprestTelemetry.ApiKeyNameAttribute, MetricCallerName(e.ApiKeyName));
            call.SetTag(OnprestTelemetry.StatusCodeAttribute, e.HttpStatus);
            OnprestTelemetry.SetError(call, e.ErrorCode);
        }
    }
}
