using System.Text.Json;
using System.Text.Json.Nodes;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.OpenApi;

/// <summary>
/// Finalizes the agent's document: replaces <c>servers</c>, <c>components.securitySchemes</c> and <c>security</c>; gives every
/// capability operation its name as <c>operationId</c> (client generators name methods after it) and the error
/// answers the gateway can give on that route, each with the one error body schema
/// (<c>components.schemas.OnprestError</c>). The error answers are the gateway's own, so they are added here, not by
/// the agent. The rest of the agent's document is kept unchanged. <see cref="JsonNode"/> keeps parsed numbers as
/// their source text, so integers above 2^53 stay exact.
/// </summary>
public sealed class OpenApiFinalizer(GatewayOptions options) : IOpenApiFinalizer
{
    public const string ErrorSchemaName = "OnprestError";

    /// <summary>Every status a REST capability call can answer besides 200, with what it means.</summary>
    public static readonly IReadOnlyList<(string Status, string Description)> ErrorResponses =
    [
        ("400", "Invalid request: wrong Content-Type, a body that is not one JSON object, or parameters the agent refused (AGENT_VALIDATION_FAILED)"),
        ("401", "Missing or invalid API key"),
        ("403", "The key may not call this capability, or the source address is not allowed"),
        ("404", "The capability is not defined"),
        ("405", "Use POST"),
        ("409", "A constraint was violated or too many rows would be affected"),
        ("413", "Request body too large"),
        ("429", "Too many requests, or authentication is busy"),
        ("500", "Unexpected gateway error"),
        ("502", "The agent or its database failed"),
        ("503", "No agent is connected, or the agent is busy"),
        ("504", "The agent or the query timed out"),
    ];

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

        if (components["schemas"] is not JsonObject schemas)
        {
            schemas = [];
            components["schemas"] = schemas;
        }

        schemas[ErrorSchemaName] = ErrorSchema();
        foreach (var (_, pathItem) in (JsonObject)document["paths"]!)
        {
            if (pathItem is not JsonObject operations)
            {
                continue;
            }

            foreach (var (_, node) in operations)
            {
                if (node is JsonObject operation && operation["x-onprest-capability"] is JsonValue name && name.TryGetValue<string>(out var capability))
                {
                    DescribeOperation(operation, capability);
                }
            }
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

    private static void DescribeOperation(JsonObject operation, string capability)
    {
        operation["operationId"] = capability;
        if (operation["responses"] is not JsonObject responses)
        {
            responses = [];
            operation["responses"] = responses;
        }

        foreach (var (status, description) in ErrorResponses)
        {
            responses[status] = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject
                    {
                        ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + ErrorSchemaName },
                    },
                },
            };
        }
    }

    /// <summary>The error body every gateway error uses: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
    private static JsonObject ErrorSchema() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("error"),
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("code", "message"),
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["type"] = "string", ["description"] = "Stable error code, e.g. GATEWAY_AUTH_FAILED; branch on this" },
                    ["message"] = new JsonObject { ["type"] = "string", ["description"] = "Generic public message" },
                },
            },
        },
    };
}
