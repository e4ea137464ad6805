using Onprest.Contracts.Errors;
using Onprest.Gateway.Http;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Health;

/// <summary><c>GET /healthz</c> (docs/gateway.md): no API key, always 200 while the process runs.</summary>
public sealed class HealthEndpoint(IAgentTunnel tunnel)
{
    private static readonly byte[] Connected = "{\"ok\":true,\"agent_connected\":true}\n"u8.ToArray();
    private static readonly byte[] Disconnected = "{\"ok\":true,\"agent_connected\":false}\n"u8.ToArray();

    public Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UseGet, "GET");
        }

        var body = tunnel.IsConnected ? Connected : Disconnected;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
