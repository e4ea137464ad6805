using System.Text.Json;
using System.Text.Json.Nodes;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.OpenApi;

/// <summary>
/// openapi.md §6: replaces <c>servers</c>, <c>components.securitySchemes</c> and <c>security</c>, keeping the
/// rest of the agent's document unchanged. <see cref="JsonNode"/> keeps parsed numbers as their source text, so
/// integers above 2^53 stay exact.
/// </summary>
public sealed class OpenApiFinalizer(GatewayOptions options) : IOpenApiFinalizer
{
    public byte[] Finalize(ReadOnlyMemory<byte> agentDocument)
    {
        JsonObject document;
        try
        {
            document = OpenApiJson.Parse(agentDocument.Span) as JsonObject
                ?? throw new FormatException("the OpenAPI document is not a JSON object");
        }
        catch (JsonException)
        {
            throw new FormatException("the OpenAPI document is not valid JSON");
        }

        if (document["paths"] is not JsonObject)
        {
            throw new FormatException("the OpenAPI document has no paths object");
        }

        document["servers"] = new JsonArray(new JsonObject { ["url"] = ServerUrl.For(options) });
        if (document["components"] is not JsonObject components)
        {
            components = [];
            document["components"] = components;
        }

        components["securitySchemes"] = new JsonObject
        {
            ["bearerAuth"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" },
            ["apiKeyAuth"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-API-Key" },
        };
        document["security"] = new JsonArray(
            new JsonObject { ["bearerAuth"] = new JsonArray() },
            new JsonObject { ["apiKeyAuth"] = new JsonArray() });

        return OpenApiJson.Serialize(document);
    }
}
