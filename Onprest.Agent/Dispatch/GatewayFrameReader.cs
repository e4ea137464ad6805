using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// Classifies a gateway frame (docs/tunnel-protocol.md). The returned <see cref="GatewayFrame.Request.Params"/>
/// belongs to <paramref name="document"/>, which the caller disposes after validating the params.
/// </summary>
internal static class GatewayFrameReader
{
    // Frames wrap the caller's body (nesting ≤ 64) in one object; anything deeper is not a gateway frame.
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

        try
        {
            if (DuplicateMembers.Exist(root))
            {
                return new GatewayFrame.Malformed("frame has duplicate member names");
            }
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate in a member name: the name has no string form to compare.
            return new GatewayFrame.Malformed("frame has a member name that is not valid Unicode");
        }

        string? type = null;
        if (root.TryGetProperty("type", out var typeElement))
        {
            if (typeElement.ValueKind != JsonValueKind.String)
            {
                return new GatewayFrame.Malformed("frame type is not a string");
            }

            if (!TryGetString(typeElement, out type))
            {
                return new GatewayFrame.Malformed("frame type is not valid Unicode");
            }
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

        // A capability that is not a string (or not valid Unicode) stays null: answered as an invalid request.
        string? capability = null;
        if (root.TryGetProperty("capability", out var capabilityElement) && capabilityElement.ValueKind == JsonValueKind.String)
        {
            TryGetString(capabilityElement, out capability);
        }

        JsonElement? parameters = null;
        var paramsValid = false;
        if (root.TryGetProperty("params", out var paramsElement))
        {
            paramsValid = paramsElement.ValueKind is JsonValueKind.Object or JsonValueKind.Null;
            parameters = paramsElement;
        }

        // Trace context is optional: a value that is not a readable string is ignored, as an invalid one would be.
        string? traceParent = null;
        if (root.TryGetProperty("traceparent", out var traceElement) && traceElement.ValueKind == JsonValueKind.String)
        {
            TryGetString(traceElement, out traceParent);
        }

        string? traceState = null;
        if (root.TryGetProperty("tracestate", out var stateElement) && stateElement.ValueKind == JsonValueKind.String)
        {
            TryGetString(stateElement, out traceState);
        }

        return new GatewayFrame.Request(id, rawId, capability, paramsValid, parameters, traceParent, traceState);
    }

    /// <summary>
    /// A JSON string as .NET text; false for an escaped lone surrogate (<c>"\ud800"</c>), which is valid JSON but
    /// has no UTF-16 string form, so <see cref="JsonElement.GetString"/> throws for it.
    /// </summary>
    private static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>a non-empty string of at most 128 UTF-8 bytes.</summary>
    private static bool TryReadId(JsonElement root, out string id, out byte[] rawId)
    {
        id = "";
        rawId = [];
        if (!root.TryGetProperty("id", out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // An escaped lone surrogate cannot be a wire id.
        if (!TryGetString(element, out var text))
        {
            return false;
        }

        id = text ?? "";
        if (id.Length == 0 || Encoding.UTF8.GetByteCount(id) > TunnelProtocol.MaxIdBytes)
        {
            return false;
        }

        // The token's own UTF-8 bytes: the same as decoding them to a string and encoding that back, one copy fewer.
        rawId = JsonMarshal.GetRawUtf8Value(element).ToArray();
        return true;
    }
}
