using Onprest.Contracts.Errors;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Http;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.OpenApi;

/// <summary><c>GET /openapi.json</c> (docs/gateway.md): method before authentication, then metadata.</summary>
public sealed class OpenApiEndpoint(IAgentTunnel tunnel)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UseGet, "GET");
            return;
        }

        var outcome = await context.AuthenticateCallerAsync();
        if (outcome.Key is not { } key)
        {
            await ErrorResponses.WriteAsync(context, outcome.Status, outcome.Error!);
            return;
        }

        if (tunnel.Metadata is not { } metadata)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, PublicErrors.MetadataNotCached);
            return;
        }

        var document = OpenApiKeyFilter.Filter(metadata.OpenApiDocument, key);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = document.Length;
        await context.Response.Body.WriteAsync(document, context.RequestAborted);
    }
}
