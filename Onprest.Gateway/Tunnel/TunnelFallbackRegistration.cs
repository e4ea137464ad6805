using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Onprest.Gateway.Tunnel;

/// <summary>Keeps the edge runnable when no tunnel is registered; a registered <see cref="IAgentTunnel"/> wins.</summary>
public static class TunnelFallbackRegistration
{
    public static IServiceCollection AddDisconnectedAgentTunnelFallback(this IServiceCollection services)
    {
        services.TryAddSingleton<IAgentTunnel, DisconnectedAgentTunnel>();
        return services;
    }
}
