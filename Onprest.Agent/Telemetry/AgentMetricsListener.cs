using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Onprest.Agent.Telemetry;

/// <summary>
/// The agent's optional Prometheus endpoint (docs/observability.md): <c>AGENT_METRICS_ADDR</c>=<c>host:port</c>
/// serves <c>GET /metrics</c> with the agent's own instruments only. Off when unset. The agent is a plain generic
/// host, not a web server, so the exporter's own small <see cref="HttpListener"/> serves it instead of bringing
/// Kestrel and ASP.NET Core into the program that holds the database credentials.
/// </summary>
internal static class AgentMetricsListener
{
    public const string Variable = "AGENT_METRICS_ADDR";

    public const string InvalidMessage = Variable + " must be host:port (host: an IP address, [IPv6] or localhost)";

    /// <summary>Parses the variable; null host and port when unset or empty; false with no output when invalid.</summary>
    public static bool TryRead(Func<string, string?> environment, out (string Host, int Port)? address)
    {
        address = null;
        var value = environment(Variable);
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = value[..colon];
        if (host == "localhost")
        {
            address = (host, port);
            return true;
        }

        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        var literal = bracketed ? host[1..^1] : host;
        if (!IPAddress.TryParse(literal, out var ip) || (ip.AddressFamily == AddressFamily.InterNetworkV6) != bracketed)
        {
            return false;
        }

        // HttpListener prefixes write IPv6 hosts in brackets, as URLs do.
        address = (bracketed ? host : ip.ToString(), port);
        return true;
    }

    /// <summary>Starts the listener; the returned provider stops it when disposed.</summary>
    public static MeterProvider Start((string Host, int Port) address, int poolSize)
    {
        AgentTelemetry.PoolSize = poolSize;
        return Sdk.CreateMeterProviderBuilder()
            .AddOnprestMetrics()
            .AddPrometheusHttpListener(options =>
            {
                options.Host = address.Host;
                options.Port = address.Port;
                options.ScrapeEndpointPath = "/metrics";
                options.ScrapeResponseCacheDurationMilliseconds = 0;
            })
            .Build();
    }
}
