using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Logging;

namespace Onprest.Gateway.Tunnel;

/// <summary>Registration of the agent tunnel: <see cref="AddAgentTunnel"/> in services, <see cref="MapAgentTunnel"/> in routing.</summary>
public static class AgentTunnelExtensions
{
    /// <summary>
    /// Registers <see cref="IAgentTunnel"/> and the agent endpoints. Needs an <see cref="IOpenApiFinalizer"/> and uses the
    /// registered <see cref="GatewayEventLog"/> (a stdout one is added when none is registered).
    /// </summary>
    public static IServiceCollection AddAgentTunnel(this IServiceCollection services, AgentTunnelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddAgentTunnel(_ => options);
    }

    /// <summary>
    /// As <see cref="AddAgentTunnel(IServiceCollection, AgentTunnelOptions)"/>, with the options built on first use
    /// from the container (the gateway reads its configuration when the host starts, not while registering).
    /// </summary>
    public static IServiceCollection AddAgentTunnel(this IServiceCollection services, Func<IServiceProvider, AgentTunnelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(sp => new GatewayEventLog(Console.Out, sp.GetRequiredService<AgentTunnelOptions>().TimeProvider));
        services.AddSingleton(sp => new TunnelEvents(sp.GetRequiredService<GatewayEventLog>()));
        services.AddSingleton(sp => new HandshakeReplayGuard(sp.GetRequiredService<AgentTunnelOptions>().Timings, sp.GetRequiredService<AgentTunnelOptions>().TimeProvider));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<AgentTunnelOptions>();
            return new AgentHandshakeValidator(new AgentSignatureVerifier(o.AgentPublicKeys), sp.GetRequiredService<HandshakeReplayGuard>(), o.Timings, o.TimeProvider);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<AgentTunnelOptions>();
            return new AgentTunnel(o.Timings, o.TimeProvider, Math.Max(1, o.AgentPublicKeys.Count));
        });
        services.AddSingleton<IAgentTunnel>(sp => sp.GetRequiredService<AgentTunnel>());
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<AgentTunnelOptions>();
            return new MetadataFetcher(
                sp.GetRequiredService<AgentTunnel>(),
                sp.GetRequiredService<IOpenApiFinalizer>(),
                sp.GetRequiredService<TunnelEvents>(),
                o.Timings,
                o.TimeProvider,
                o.EmitOpenApiSnapshot);
        });
        services.AddSingleton(sp => new ChallengeEndpoint(sp.GetRequiredService<HandshakeReplayGuard>()));
        services.AddSingleton(sp => new VerifyEndpoint(sp.GetRequiredService<AgentHandshakeValidator>()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<AgentTunnelOptions>();
            return new AgentWebSocketEndpoint(
                sp.GetRequiredService<AgentHandshakeValidator>(),
                sp.GetRequiredService<AgentTunnel>(),
                sp.GetRequiredService<MetadataFetcher>(),
                sp.GetRequiredService<TunnelEvents>(),
                o.Timings,
                o.TimeProvider,
                sp.GetService<IHostApplicationLifetime>());
        });
        return services;
    }

    /// <summary>
    /// Maps <c>/ws/agent/challenge</c>, <c>/ws/agent</c> and <c>/ws/agent/verify</c> for every method (each answers
    /// 405 itself, docs/tunnel-protocol.md). The WebSocket middleware runs only inside the <c>/ws/agent</c> endpoint.
    /// </summary>
    public static IEndpointRouteBuilder MapAgentTunnel(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var challenge = services.GetRequiredService<ChallengeEndpoint>();
        var verify = services.GetRequiredService<VerifyEndpoint>();
        var agent = services.GetRequiredService<AgentWebSocketEndpoint>();

        var agentPipeline = endpoints.CreateApplicationBuilder();
        agentPipeline.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        agentPipeline.Run(agent.HandleAsync);

        endpoints.Map(TunnelProtocol.ChallengePath, challenge.HandleAsync);
        endpoints.Map(TunnelProtocol.VerifyPath, verify.HandleAsync);
        endpoints.Map(TunnelProtocol.AgentPath, agentPipeline.Build());
        return endpoints;
    }
}
