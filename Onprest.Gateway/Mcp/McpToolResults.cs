using System.Text.Json;
using ModelContextProtocol.Protocol;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Mcp;

/// <summary>The tool results handed to the SDK (docs/api.md); a success's content is written by the endpoint itself.</summary>
public static class McpToolResults
{
    /// <summary>
    /// What the tool handler hands the SDK for a success: the SDK completes the call, and the endpoint then writes the
    /// result from the agent's own bytes (<see cref="McpResponses.ToolSuccessAsync"/>) instead of the SDK's
    /// re-serialization of the same JSON.
    /// </summary>
    public static CallToolResult Answered() => new() { Content = [] };

    public static CallToolResult Error(PublicError error, string version)
    {
        var result = new CallToolResult { Content = [new TextContentBlock { Text = error.Message }], IsError = true };
        if (McpProtocolVersions.IsStructured(version))
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartObject("error");
                json.WriteString("code", error.Code);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            using var document = JsonDocument.Parse(buffer.ToArray());
            result.StructuredContent = document.RootElement.Clone();
        }

        return result;
    }
}
