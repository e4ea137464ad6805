using Microsoft.Extensions.DependencyInjection.Extensions;
using Onprest.Gateway.Network;
using Onprest.Gateway.Telemetry;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Http;

/// <summary>The order of handling of docs/gateway.md, steps 1–5, then exact path matching and routing.</summary>
public static class EdgePipeline
{
    public static IServiceCollection AddNetworkControls(this IServiceCollection services)
    {
        services.TryAddSingleton<SourcePartition>();
        return services.AddSingleton<SourceRateLimiter>();
    }

    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        // The onprest.gateway.agent.connected gauge reads the live connection (docs/configuration.md).
        GatewayTelemetry.Observe(app.Services.GetRequiredService<IAgentTunnel>());
        app.UseMiddleware<ExceptionGuardMiddleware>();
        app.UseMiddleware<NetworkGuardMiddleware>();
        app.UseMiddleware<CorsMiddleware>();
        app.UseMiddleware<ExactPathMiddleware>();
        app.UseRouting();
        return app;
    }

    /// <summary>Listed paths no route answers (e.g. agent paths before the tunnel is mapped) get the same JSON 404.</summary>
    public static WebApplication MapNotFound(this WebApplication app)
    {
        app.MapFallback(ExactPathMiddleware.NotFoundAsync);
        return app;
    }
}
