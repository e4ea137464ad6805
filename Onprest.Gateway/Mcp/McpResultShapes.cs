using System.Text.Json.Nodes;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// Trims the SDK's serialized results to exactly the members mcp.md allows, whatever optional members a newer SDK
/// revision might add: <c>initialize</c>, tools, tool results.
/// </summary>
public static class McpResultShapes
{
    private static readonly string[] ToolMembers = ["name", "description", "inputSchema", "annotations", "outputSchema"];

    public static JsonNode Initialize(JsonNode? sdkResult, string version) => new JsonObject
    {
        ["protocolVersion"] = version,
        ["serverInfo"] = new JsonObject
        {
            ["name"] = sdkResult?["serverInfo"]?["name"]?.DeepClone() ?? McpSdkDispatcher.ServerName,
            ["version"] = sdkResult?["serverInfo"]?["version"]?.DeepClone() ?? Onprest.Contracts.BuildInfo.Version,
        },
        ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
    };

    public static JsonNode ToolsList(JsonNode? sdkResult, string version)
    {
        var tools = new JsonArray();
        if (sdkResult?["tools"] is JsonArray listed)
        {
            foreach (var tool in listed.OfType<JsonObject>())
            {
                var trimmed = new JsonObject();
                foreach (var member in ToolMembers)
                {
                    if (member == "outputSchema" && !McpProtocolVersions.IsStructured(version))
                    {
                        continue;
                    }

                    if (tool[member] is { } value)
                    {
                        trimmed[member] = value.DeepClone();
                    }
                }

                // The non-generic Add(JsonNode): Add<T> is not trim-safe (docs/binaries.md).
                tools.Add((JsonNode)trimmed);
            }
        }

        return new JsonObject { ["tools"] = tools };
    }

    public static JsonNode ToolCall(JsonNode? sdkResult, string version)
    {
        var content = new JsonArray();
        if (sdkResult?["content"] is JsonArray blocks)
        {
            foreach (var block in blocks.OfType<JsonObject>())
            {
                content.Add((JsonNode)new JsonObject { ["type"] = block["type"]?.DeepClone(), ["text"] = block["text"]?.DeepClone() });
            }
        }

        var result = new JsonObject { ["content"] = content };
        if (sdkResult?["isError"] is JsonValue isError && isError.TryGetValue<bool>(out var failed) && failed)
        {
            result["isError"] = true;
        }

        if (McpProtocolVersions.IsStructured(version) && sdkResult?["structuredContent"] is { } structured)
        {
            result["structuredContent"] = structured.DeepClone();
        }

        return result;
    }
}
