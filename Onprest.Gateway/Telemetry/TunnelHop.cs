using System.Diagnostics;

namespace Onprest.Gateway.Telemetry;

/// <summary>
/// One call's trip through the tunnel, as <see cref="GatewayTelemetry.StartTunnel"/> began it. A value type: the
/// hot path allocates nothing for it when traces are off. Disposing it ends the span and the in-flight count.
/// </summary>
internal readonly struct TunnelHop : IDisposable
{
    public TunnelHop(Activity? activity, string capabilityLabel, long started)
    {
        Activity = activity;
        CapabilityLabel = capabilityLabel;
        Started = started;
    }

    /// <summary>The <c>onprest.tunnel.call</c> span, or null when traces are off.</summary>
    public Activity? Activity { get; }

    /// <summary>The capability as metrics label it (<see cref="CapabilityLabels"/>).</summary>
    public string CapabilityLabel { get; }

    /// <summary>A <see cref="Stopwatch"/> timestamp taken as the frame was handed to the tunnel.</summary>
    public long Started { get; }

    /// <summary>The W3C <c>traceparent</c> for the request frame, or null when traces are off.</summary>
    public string? TraceParent => Activity?.Id;

    public string? TraceState => Activity?.TraceStateString;

    public void Dispose()
    {
        GatewayTelemetry.EndTunnel();
        Activity?.Dispose();
    }
}
