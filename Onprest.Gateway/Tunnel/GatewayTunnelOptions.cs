using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Tunnel;

/// <summary>Maps the gateway configuration onto the tunnel's settings.</summary>
public static class GatewayTunnelOptions
{
    public static AgentTunnelOptions ToTunnelOptions(this GatewayOptions options) => new()
    {
        AgentPublicKeys = options.AgentPublicKeys,
        EmitOpenApiSnapshot = options.EmitOpenApiSnapshot,
    };
}
