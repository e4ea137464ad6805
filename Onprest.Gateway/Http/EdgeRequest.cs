using System.Diagnostics;
using System.Net;

namespace Onprest.Gateway.Http;

/// <summary>Per-request facts gathered by the edge steps of docs/gateway.md, stored as a request feature.</summary>
public sealed class EdgeRequest
{
    public EdgeRequest(long startTimestamp) => StartTimestamp = startTimestamp;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> at the start of the request, for <c>duration_ms</c>.</summary>
    public long StartTimestamp { get; }

    /// <summary>The derived source address; <see cref="IPAddress.None"/> until derived.</summary>
    public IPAddress SourceAddress { get; set; } = IPAddress.None;

    /// <summary>The request's <c>Origin</c> when it is an allowed CORS origin, else null.</summary>
    public string? CorsOrigin { get; set; }

    /// <summary>True once a route has written its own log event, so the exception guard does not write a second.</summary>
    public bool EventWritten { get; set; }

    /// <summary>Whole milliseconds since the request started.</summary>
    public long ElapsedMilliseconds => (long)Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds;

    public static EdgeRequest Of(HttpContext context) =>
        context.Features.Get<EdgeRequest>() ?? throw new InvalidOperationException("edge request feature missing");
}
