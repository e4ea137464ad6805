using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Mcp;

/// <summary>JSON-RPC responses of mcp.md §2–§3: HTTP 200 unless stated, one JSON object, the id echoed exactly.</summary>
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

    /// <summary>The <c>data.code</c> for an error the SDK produced itself (mcp.md §3: every error carries one).</summary>
    public static string DataCodeFor(int code) => code switch
    {
        ParseError => "PARSE_ERROR",
        InvalidRequest => "INVALID_REQUEST",
        MethodNotFound => "METHOD_NOT_FOUND",
        InvalidParams => "INVALID_PARAMS",
        AgentOffline => Onprest.Contracts.Errors.ErrorCodes.GatewayAgentOffline,
        _ => "INTERNAL_ERROR",
    };

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> members)
    {
        var buffer = new MemoryStream(256);
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
