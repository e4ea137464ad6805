using Onprest.Contracts.Errors;
using Onprest.Gateway.Http;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Health;

/// <summary><c>GET /healthz</c> (docs/gateway.md): no API key, always 200 while the process runs.</summary>
public sealed class HealthEndpoint(IAgentTunnel tunnel)
{
    private static readonly byte[] Connected = "{\"ok\":true,\"agent_connected\":true}\n"u8.ToArray();
    private static readonly byte[] Disconnected = "{\"ok\":true,\"agent_connected\":false}\n"u8.ToArray();

    private static byte[] PoolBody(int connected, int slots) =>
        System.Text.Encoding.UTF8.GetBytes($"{{\"ok\":true,\"agent_connected\":{(connected > 0 ? "true" : "false")},\"agents_connected\":{connected},\"agents_configured\":{slots}}}\n");

    public Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UseGet, "GET");
        }

        // One key: the body of the single-agent gateway, unchanged. A pool adds how many of its agents are connected.
        var body = tunnel.Slots == 1
            ? tunnel.IsConnected ? Connected : Disconnected
            : PoolBody(tunnel.ConnectedAgents, tunnel.Slots);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
