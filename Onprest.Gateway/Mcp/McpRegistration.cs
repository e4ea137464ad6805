using Onprest.Gateway.Http;

namespace Onprest.Gateway.Mcp;

/// <summary>Registration of <c>/mcp</c>: every method reaches the endpoint, which answers 405 itself (docs/api.md step 1).</summary>
public static class McpRegistration
{
    public static IServiceCollection AddMcpEndpoint(this IServiceCollection services)
    {
        services.AddSingleton<McpSdkDispatcher>();
        services.AddSingleton<McpEndpoint>();
        return services;
    }

    public static WebApplication MapMcpEndpoint(this WebApplication app)
    {
        app.Map(GatewayPaths.Mcp, context => context.RequestServices.GetRequiredService<McpEndpoint>().HandleAsync(context));
        return app;
    }
}
