using System.Text.Json;

namespace Onprest.Gateway.Mcp;

/// <summary>One JSON-RPC message that passed the shape check of docs/api.md step 7.</summary>
/// <param name="RawId">The <c>id</c> exactly as received (string or number text), or null when absent.</param>
/// <param name="Method">The method name.</param>
/// <param name="Params">The <c>params</c> member, or null when absent (a JSON <c>null</c> is present, of kind Null).</param>
public sealed record McpMessage(string? RawId, string Method, JsonElement? Params)
{
    public bool HasId => RawId is not null;

    /// <summary>Applies the shape rule; on failure <paramref name="echoId"/> is the id to echo (string or number text) or null.</summary>
    public static McpMessage? Parse(JsonElement root, out string? echoId)
    {
        echoId = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? rawId = null;
        if (root.TryGetProperty("id", out var id))
        {
            if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return null;
            }

            rawId = id.GetRawText();
            echoId = rawId;
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            return null;
        }

        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        JsonElement? parameters = root.TryGetProperty("params", out var p) ? p : null;
        return new McpMessage(rawId, method.GetString()!, parameters);
    }
}
