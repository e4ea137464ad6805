using OpenTelemetry;
using OpenTelemetry.Metrics;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Admin;

/// <summary>
/// The admin listener (docs/observability.md): when <c>GATEWAY_ADMIN_ADDR</c> is set, Kestrel listens on it as well
/// (see <c>GatewayServer</c>), and requests that arrived on that port are answered here — <c>/metrics</c>,
/// <c>/readyz</c> and <c>/status</c> — before the public pipeline sees them. Requests on the public port never
/// reach these handlers, so the public port answers its ordinary 404 for the same paths.
/// </summary>
public static class AdminRegistration
{
    public const string MetricsPath = "/metrics";
    public const string ReadyPath = "/readyz";
    public const string StatusPath = "/status";

    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services)
    {
        services.AddSingleton<CallTally>();
        services.AddSingleton<AdminMetrics>();
        services.AddSingleton<ReadinessEndpoint>();
        services.AddSingleton<StatusPage>();
        return services;
    }

    public static WebApplication UseGatewayAdmin(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<GatewayOptions>();
        if (options.AdminListen is not { } admin)
        {
            // Off by default: no meter provider, no tally, nothing extra on the request path.
            return app;
        }

        var meters = app.Services.GetRequiredService<AdminMetrics>().Provider;
        var tally = app.Services.GetRequiredService<CallTally>();
        tally.Start();
        var readiness = app.Services.GetRequiredService<ReadinessEndpoint>();
        var status = app.Services.GetRequiredService<StatusPage>();

        // The local port tells the listeners apart (they never share one); the Host header is the client's to choose.
        app.MapWhen(context => context.Connection.LocalPort == admin.Port, branch =>
        {
            branch.Use(RejectUnknownAsync);
            branch.UseOpenTelemetryPrometheusScrapingEndpoint(meters, context => context.Request.Path == MetricsPath, null, null, null);
            branch.Run(context => context.Request.Path == ReadyPath ? readiness.HandleAsync(context) : status.HandleAsync(context));
        });
        return app;
    }

    /// <summary>Only the three paths exist, and every one is read-only: GET or HEAD, anything else 405.</summary>
    private static Task RejectUnknownAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (path != MetricsPath && path != ReadyPath && path != StatusPath)
        {
            return PlainAsync(context, StatusCodes.Status404NotFound, "not found\n");
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            return PlainAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed\n");
        }

        return next(context);
    }

    internal static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}

/// <summary>
/// The meter provider behind <c>/metrics</c>: Onprest's own instruments only, exported in the Prometheus text
/// format. Separate from the OTLP one (which exists only when a collector is configured), so either works alone.
/// </summary>
internal sealed class AdminMetrics : IDisposable
{
    private readonly Lazy<MeterProvider> _provider = new(() => Sdk.CreateMeterProviderBuilder()
        .AddOnprestMetrics()
        .AddPrometheusExporter(options =>
        {
            // Each scrape sees current values; Prometheus decides how often to ask.
            options.ScrapeResponseCacheDurationMilliseconds = 0;
        })
        .Build());

    public MeterProvider Provider => _provider.Value;

    public void Dispose()
    {
        if (_provider.IsValueCreated)
        {
            _provider.Value.Dispose();
        }
    }
}
