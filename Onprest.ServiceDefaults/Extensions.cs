using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Shared service defaults for the gateway and the agent (the Aspire template shape, no Aspire package):
/// OpenTelemetry traces and metrics exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// and a liveness health check. Onprest's rule on top: spans and metrics carry capability, key name, status and
/// error code only — never params, SQL or keys (docs/configuration.md).
/// </summary>
public static class Extensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            // No collector configured: no exporter, no instrumentation overhead.
            return builder;
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"];
        builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME wins; otherwise the program's own name (onprest-gateway, onprest-agent).
            .ConfigureResource(resource => resource.AddService(string.IsNullOrWhiteSpace(serviceName) ? builder.Environment.ApplicationName : serviceName))
            .WithMetrics(metrics => metrics.AddOnprestMetrics())
            .WithTracing(tracing => tracing.AddOnprestTracing())
            .UseOtlpExporter();

        return builder;
    }

    /// <summary>
    /// Onprest's own spans plus the ASP.NET Core server span (so an incoming <c>traceparent</c> is continued), every
    /// attribute outside the allowed set removed by <see cref="AllowedAttributesProcessor"/>.
    /// </summary>
    public static TracerProviderBuilder AddOnprestTracing(this TracerProviderBuilder tracing) => tracing
        .AddSource(OnprestTelemetry.SourceName)
        .AddAspNetCoreInstrumentation(options =>
        {
            options.RecordException = false;
            // The health probe would otherwise flood the trace store.
            options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz");
        })
        .AddProcessor(new AllowedAttributesProcessor());

    /// <summary>Only Onprest's own instruments: the standard HTTP and runtime metrics carry attributes outside the allowed set.</summary>
    public static MeterProviderBuilder AddOnprestMetrics(this MeterProviderBuilder metrics) => metrics
        .AddMeter(OnprestTelemetry.SourceName);

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }
}
