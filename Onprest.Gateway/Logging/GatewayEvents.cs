using Onprest.Contracts.Errors;
using Onprest.Contracts.Text;

namespace Onprest.Gateway.Logging;

/// <summary>The edge's stdout events (docs/configuration.md), written through <see cref="GatewayEventLog"/>.</summary>
public static class GatewayEvents
{
    public const string Rest = "rest";
    public const string Mcp = "mcp";

    public static void Request(this GatewayEventLog log, RequestEvent e) => log.Write("request", json =>
    {
        json.WriteString("protocol", e.Protocol);
        json.WriteString("request_id", e.RequestId);
        // The caller chooses the name (URL path or MCP tool name): one line must not carry a megabyte of it.
        json.WriteString("capability", EchoedName.Cut(e.Capability));
        json.WriteString("api_key_name", e.ApiKeyName);
        json.WriteNumber("http_status", e.HttpStatus);
        if (e.Count is { } count)
        {
            json.WriteNumber("count", count);
        }
        else
        {
            json.WriteNull("count");
        }

        WriteNullable(json, "error_code", e.ErrorCode);
        WriteNullable(json, "error_message", e.ErrorMessage);
        json.WriteNumber("duration_ms", e.DurationMs);
    });

    public static void McpHttpRejected(this GatewayEventLog log, int status, PublicError error) =>
        log.Write("mcp_http_rejected", json =>
        {
            json.WriteNumber("http_status", status);
            json.WriteString("error_code", error.Code);
            json.WriteString("error_message", error.Message);
        });

    public static void GatewayStart(this GatewayEventLog log, string addr) =>
        log.Write("gateway_start", json => json.WriteString("addr", addr));

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
