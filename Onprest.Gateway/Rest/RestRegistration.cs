using Onprest.Gateway.Http;

namespace Onprest.Gateway.Rest;

/// <summary>Registration of <c>/api/v1/capabilities/{name}</c>: every method reaches the handler, which answers 405 itself.</summary>
public static class RestRegistration
{
    public static IServiceCollection AddRestEndpoint(this IServiceCollection services) =>
        services.AddSingleton<CapabilityEndpoint>();

    public static WebApplication MapRest(this WebApplication app)
    {
        app.Map(GatewayPaths.CapabilitiesPrefix + "{**name}",
            context => context.RequestServices.GetRequiredService<CapabilityEndpoint>().HandleAsync(context));
        return app;
    }
}
