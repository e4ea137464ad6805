using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Mcp;

/// <summary>JSON-RPC responses of docs/api.md: HTTP 200 unless stated, one JSON object, the id echoed exactly.</summary>
public static class McpResponses
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int AgentOffline = -32000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task ResultAsync(HttpContext context, string rawId, JsonNode result) =>
        WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WritePropertyName("id");
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WritePropertyName("result");
            result.WriteTo(json);
        });

    /// <summary>
    /// A successful <c>tools/call</c> (docs/api.md) straight from the agent's bytes: the JSON as the text block and, from
    /// 2025-06-18, the same bytes as <c>structuredContent</c> — numbers stay exactly as the agent wrote them and the
    /// result is neither parsed into a tree nor re-serialized.
    /// </summary>
    public static Task ToolSuccessAsync(HttpContext context, string rawId, ReadOnlyMemory<byte> resultJson, string version) =>
        WriteAsync(context, StatusCodes.Status200OK, capacity: 256 + (resultJson.Length * 5 / 2), json =>
        {
            json.WritePropertyName("id");
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WriteStartObject("result");
            json.WriteStartArray("content");
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", resultJson.Span);
            json.WriteEndObject();
            json.WriteEndArray();
            if (McpProtocolVersions.IsStructured(version))
            {
                json.WritePropertyName("structuredContent");
                json.WriteRawValue(resultJson.Span, skipInputValidation: true);
            }

            json.WriteEndObject();
        });

    public static Task ErrorAsync(HttpContext context, string? rawId, int code, string message, string dataCode, int status = StatusCodes.Status200OK) =>
        WriteAsync(context, status, json =>
        {
            json.WritePropertyName("id");
            if (rawId is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteRawValue(rawId, skipInputValidation: true);
            }

            json.WriteStartObject("error");
            json.WriteNumber("code", code);
            json.WriteString("message", message);
            json.WriteStartObject("data");
            json.WriteString("code", dataCode);
            json.WriteEndObject();
            json.WriteEndObject();
        });

    /// <summary>The <c>data.code</c> for an error the SDK produced itself (docs/api.md: every error carries one).</summary>
    public static string DataCodeFor(int code) => code switch
    {
        ParseError => "PARSE_ERROR",
        InvalidRequest => "INVALID_REQUEST",
        MethodNotFound => "METHOD_NOT_FOUND",
        InvalidParams => "INVALID_PARAMS",
        AgentOffline => Onprest.Contracts.Errors.ErrorCodes.GatewayAgentOffline,
        _ => "INTERNAL_ERROR",
    };

    private static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> members) =>
        WriteAsync(context, status, 256, members);

    /// <param name="capacity">Enough for the whole answer, so the buffer is allocated once.</param>
    private static async Task WriteAsync(HttpContext context, int status, int capacity, Action<Utf8JsonWriter> members)
    {
        var buffer = new MemoryStream(capacity);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            members(json);
            json.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
