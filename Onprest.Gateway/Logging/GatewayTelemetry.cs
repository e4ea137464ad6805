using System.Diagnostics;
using System.Diagnostics.Metrics;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Logging;

/// <summary>
/// Spans and metrics of logging.md §2 (decision D14). Only capability, key name, status code and error code are
/// ever attached: no params, URLs, headers, client addresses or keys.
/// </summary>
public sealed class GatewayTelemetry : IDisposable
{
    public const string SourceName = "Onprest";

    private readonly ActivitySource _source = new(SourceName);
    private readonly Meter _meter = new(SourceName);
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public GatewayTelemetry(IServiceProvider services)
    {
        _requests = _meter.CreateCounter<long>("onprest.gateway.requests");
        _duration = _meter.CreateHistogram<double>("onprest.gateway.request.duration", unit: "s");
        // Resolved lazily: the tunnel is registered after the edge (Program.cs, "tunnel" group).
        _meter.CreateObservableGauge("onprest.gateway.agent.connected", () => services.GetService<IAgentTunnel>()?.IsConnected == true ? 1 : 0);
    }

    /// <summary>Starts <c>onprest.gateway.call</c> for a REST call or an MCP <c>tools/call</c>; null when nobody listens.</summary>
    public Activity? StartCall() => _source.StartActivity("onprest.gateway.call", ActivityKind.Server);

    /// <summary>Starts the child <c>onprest.tunnel.call</c>; its id becomes the frame's <c>traceparent</c>.</summary>
    public Activity? StartTunnelCall() => _source.StartActivity("onprest.tunnel.call", ActivityKind.Client);

    /// <summary>Records the finished call on its span and in the metrics.</summary>
    public void Finish(Activity? call, RequestEvent e)
    {
        var tags = new TagList
        {
            { "onprest.capability", e.Capability },
            { "onprest.api_key.name", e.ApiKeyName },
            { "http.response.status_code", e.HttpStatus },
        };
        if (e.ErrorCode is { } code)
        {
            tags.Add("onprest.error.code", code);
        }

        _requests.Add(1, tags);
        _duration.Record(e.DurationMs / 1000.0, tags);
        if (call is null)
        {
            return;
        }

        foreach (var tag in tags)
        {
            call.SetTag(tag.Key, tag.Value);
        }

        if (e.ErrorCode is { } failure)
        {
            call.SetStatus(ActivityStatusCode.Error, failure);
        }

        call.Dispose();
    }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}
