using System.Text.Json;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Auth.OAuth;

/// <summary>
/// RFC 9728 protected resource metadata, at the well-known path (the gateway as a whole) and its <c>/mcp</c>-suffixed
/// form (the MCP endpoint), which MCP clients find through the <c>resource_metadata</c> of a 401 challenge.
/// </summary>
public sealed class ProtectedResourceMetadata(GatewayOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UseGet, "GET");
            return;
        }

        var settings = options.OAuth!;
        var resource = context.Request.Path.Value == OAuthDefaults.McpResourceMetadataPath ? settings.Resource + "/mcp" : settings.Resource;
        var body = Write(settings, resource);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.Headers.CacheControl = "max-age=300";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    internal static byte[] Write(OAuthSettings settings, string resource)
    {
        var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("resource", resource);
            json.WriteStartArray("authorization_servers");
            json.WriteStringValue(settings.Issuer);
            json.WriteEndArray();
            json.WriteStartArray("bearer_methods_supported");
            json.WriteStringValue("header");
            json.WriteEndArray();
            json.WriteString("resource_name", "Onprest gateway");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
