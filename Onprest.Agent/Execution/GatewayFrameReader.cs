using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Execution;

/// <summary>
/// Classifies a gateway frame (tunnel.md §8.1, D6, D27). The returned <see cref="GatewayFrame.Request.Params"/>
/// belongs to <paramref name="document"/>, which the caller disposes after validating the params.
/// </summary>
internal static class GatewayFrameReader
{
    // Frames wrap the caller's body (nesting ≤ 64, D27) in one object; anything deeper is not a gateway frame.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    public static GatewayFrame Read(ReadOnlyMemory<byte> utf8Json, out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException)
        {
            return new GatewayFrame.Malformed("frame is not valid JSON");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new GatewayFrame.Malformed("frame is not a JSON object");
        }

        if (DuplicateMembers.Exist(root))
        {
            return new GatewayFrame.Malformed("frame has duplicate member names");
        }

        string? type = null;
        if (root.TryGetProperty("type", out var typeElement))
        {
            if (typeElement.ValueKind != JsonValueKind.String)
            {
                return new GatewayFrame.Malformed("frame type is not a string");
            }

            type = typeElement.GetString();
        }

        if (!TryReadId(root, out var id, out var rawId))
        {
            return type is "cancel" or null or "" ? new GatewayFrame.InvalidId() : new GatewayFrame.UnknownControl();
        }

        if (type == "cancel")
        {
            return new GatewayFrame.Cancel(id);
        }

        if (!string.IsNullOrEmpty(type))
        {
            return new GatewayFrame.UnknownControl();
        }

        string? capability = null;
        if (root.TryGetProperty("capability", out var capabilityElement) && capabilityElement.ValueKind == JsonValueKind.String)
        {
            capability = capabilityElement.GetString();
        }

        JsonElement? parameters = null;
        var paramsValid = false;
        if (root.TryGetProperty("params", out var paramsElement))
        {
            paramsValid = paramsElement.ValueKind is JsonValueKind.Object or JsonValueKind.Null;
            parameters = paramsElement;
        }

        string? traceParent = null;
        if (root.TryGetProperty("traceparent", out var traceElement) && traceElement.ValueKind == JsonValueKind.String)
        {
            traceParent = traceElement.GetString();
        }

        string? traceState = null;
        if (root.TryGetProperty("tracestate", out var stateElement) && stateElement.ValueKind == JsonValueKind.String)
        {
            traceState = stateElement.GetString();
        }

        return new GatewayFrame.Request(id, rawId, capability, paramsValid, parameters, traceParent, traceState);
    }

    /// <summary>D6: a non-empty string of at most 128 UTF-8 bytes.</summary>
    private static bool TryReadId(JsonElement root, out string id, out byte[] rawId)
    {
        id = "";
        rawId = [];
        if (!root.TryGetProperty("id", out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            id = element.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate cannot be a wire id.
            return false;
        }

        if (id.Length == 0 || Encoding.UTF8.GetByteCount(id) > TunnelProtocol.MaxIdBytes)
        {
            return false;
        }

        // The token's own UTF-8 bytes: the same as decoding them to a string and encoding that back, one copy fewer.
        rawId = JsonMarshal.GetRawUtf8Value(element).ToArray();
        return true;
    }
}
