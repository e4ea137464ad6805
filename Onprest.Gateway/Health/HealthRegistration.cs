using Onprest.Gateway.Http;

namespace Onprest.Gateway.Health;

/// <summary>Registration of <c>GET /healthz</c>.</summary>
public static class HealthRegistration
{
    public static IServiceCollection AddHealthEndpoint(this IServiceCollection services) =>
        services.AddSingleton<HealthEndpoint>();

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.Map(GatewayPaths.Health, context => context.RequestServices.GetRequiredService<HealthEndpoint>().HandleAsync(context));
        return app;
    }
}
