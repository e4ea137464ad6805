using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Admin;

/// <summary>
/// <c>GET /readyz</c> on the admin listener: 200 only while an agent is connected and its metadata is cached —
/// the moment calls can succeed — otherwise 503, so a load balancer or orchestrator can hold traffic back.
/// </summary>
internal sealed class ReadinessEndpoint(IAgentTunnel tunnel)
{
    public Task HandleAsync(HttpContext context)
    {
        var ready = tunnel.IsConnected && tunnel.Metadata is not null;
        return AdminRegistration.PlainAsync(
            context,
            ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            ready ? "ready\n" : "not ready: no agent with cached metadata\n");
    }
}
