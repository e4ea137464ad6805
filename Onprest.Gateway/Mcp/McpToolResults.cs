using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Mcp;

/// <summary>The tool result shapes of mcp.md §6.4: the agent's JSON as text, parsed structured content with exact numbers.</summary>
public static class McpToolResults
{
    public static CallToolResult Success(ReadOnlyMemory<byte> resultJson, string version)
    {
        var result = new CallToolResult { Content = [new TextContentBlock { Text = Encoding.UTF8.GetString(resultJson.Span) }] };
        if (McpProtocolVersions.IsStructured(version))
        {
            using var document = JsonDocument.Parse(resultJson);
            result.StructuredContent = document.RootElement.Clone();
        }

        return result;
    }

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
