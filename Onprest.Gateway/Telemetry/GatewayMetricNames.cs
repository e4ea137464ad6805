namespace Onprest.Gateway.Telemetry;

/// <summary>
/// Every instrument the gateway creates, and the names Prometheus sees for them (docs/observability.md). The
/// Grafana dashboard test checks every query against <see cref="PrometheusNames"/>.
/// </summary>
internal static class GatewayMetricNames
{
    public const string Requests = "onprest.gateway.requests";
    public const string RequestDuration = "onprest.gateway.request.duration";
    public const string AgentDuration = "onprest.gateway.agent.duration";
    public const string CallsInFlight = "onprest.gateway.calls.in_flight";
    public const string AgentConnected = "onprest.gateway.agent.connected";
    public const string MetadataCached = "onprest.gateway.agent.metadata_cached";
    public const string BcryptVerifications = "onprest.gateway.auth.bcrypt_verifications";
    public const string AuthenticationBusy = "onprest.gateway.auth.busy";
    public const string RateLimited = "onprest.gateway.rate_limited";
    public const string TunnelReconnects = "onprest.gateway.tunnel.reconnects";

    /// <summary>The series names in the Prometheus text format (histograms as their three series).</summary>
    public static readonly IReadOnlyList<string> PrometheusNames =
    [
        "onprest_gateway_requests_total",
        "onprest_gateway_request_duration_seconds_bucket",
        "onprest_gateway_request_duration_seconds_sum",
        "onprest_gateway_request_duration_seconds_count",
        "onprest_gateway_agent_duration_seconds_bucket",
        "onprest_gateway_agent_duration_seconds_sum",
        "onprest_gateway_agent_duration_seconds_count",
        "onprest_gateway_calls_in_flight",
        "onprest_gateway_agent_connected",
        "onprest_gateway_agent_metadata_cached",
        "onprest_gateway_auth_bcrypt_verifications_total",
        "onprest_gateway_auth_busy_total",
        "onprest_gateway_rate_limited_total",
        "onprest_gateway_tunnel_reconnects_total",
    ];
}
