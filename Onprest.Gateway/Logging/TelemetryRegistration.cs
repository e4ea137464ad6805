using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Onprest.Gateway.Logging;

/// <summary>
/// OpenTelemetry for the gateway (logging.md §2): off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; then only
/// the Onprest source and meter are exported. The standard ASP.NET Core instrumentation is deliberately not
/// enabled: it records paths, query strings and client addresses, which must never leave the gateway.
/// </summary>
public static class TelemetryRegistration
{
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GatewayTelemetry>();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService("onprest-gateway"));
        }

        telemetry
            .WithTracing(tracing => tracing.AddSource(GatewayTelemetry.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(GatewayTelemetry.SourceName))
            .UseOtlpExporter();
        return builder;
    }
}
