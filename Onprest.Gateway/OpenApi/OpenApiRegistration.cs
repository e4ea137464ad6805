using Onprest.Gateway.Http;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.OpenApi;

/// <summary>Registration of the finalizer the tunnel uses (docs/api.md) and of <c>GET /openapi.json</c>.</summary>
public static class OpenApiRegistration
{
    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services)
    {
        services.AddSingleton<IOpenApiFinalizer, OpenApiFinalizer>();
        services.AddSingleton<OpenApiEndpoint>();
        return services;
    }

    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        app.Map(GatewayPaths.OpenApi, context => context.RequestServices.GetRequiredService<OpenApiEndpoint>().HandleAsync(context));
        return app;
    }
}
