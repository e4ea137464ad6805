using System.Text.Json;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// Classifies a gateway frame (docs/tunnel-protocol.md); the members are read by the wire's codecs
/// (<see cref="FrameId"/>, <see cref="CancelFrame"/>, <see cref="RequestFrame"/>). The returned
/// <see cref="GatewayFrame.Request.Params"/> belongs to <paramref name="document"/>, which the caller disposes after
/// validating the params.
/// </summary>
internal static class GatewayFrameReader
{
    // Frames wrap the caller's body (nesting ≤ 64) in one object; anything deeper is not a gateway frame. A repeated
    // member name at any depth (compared after unescaping: "a" and "\u0061" are one name) makes the frame invalid,
    // found by the parse itself.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    // Only to say why a refused frame was refused.
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 128 };

    public static GatewayFrame Read(ReadOnlyMemory<byte> utf8Json, out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException)
        {
            return new GatewayFrame.Malformed(IsJson(utf8Json) ? "frame has duplicate member names" : "frame is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate in a member name: the name has no string form to compare.
            return new GatewayFrame.Malformed("frame has a member name that is not valid Unicode");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new GatewayFrame.Malformed("frame is not a JSON object");
        }

        if (!CancelFrame.TryReadType(root, out var type, out var problem))
        {
            return new GatewayFrame.Malformed(problem);
        }

        if (!FrameId.TryRead(root, out var id, out var rawId))
        {
            return type is CancelFrame.Type or null or "" ? new GatewayFrame.InvalidId() : new GatewayFrame.UnknownControl();
        }

        if (type == CancelFrame.Type)
        {
            return new GatewayFrame.Cancel(id);
        }

        if (!string.IsNullOrEmpty(type))
        {
            return new GatewayFrame.UnknownControl();
        }

        var call = RequestFrame.Read(root);
        return new GatewayFrame.Request(id, rawId, call.Capability, call.ParamsValid, call.Params, call.TraceParent, call.TraceState);
    }

    private static bool IsJson(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var _ = JsonDocument.Parse(utf8Json, Lenient);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
