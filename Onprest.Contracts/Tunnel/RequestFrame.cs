using System.Text.Json;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// The request frame (docs/tunnel-protocol.md section 3), gateway → agent:
/// <c>{"id","capability","params"[,"traceparent","tracestate"]}</c>. The gateway builds it; the agent reads it.
/// </summary>
public static class RequestFrame
{
    /// <summary>Frames up to this size leave their buffer to the building thread's next frame; a larger one's is let go.</summary>
    public const int RetainedBufferBytes = FrameWriter.RetainedBufferBytes;

    private const int NullLiteralBytes = 4;

    /// <summary>
    /// Gateway: the frame, with <paramref name="paramsJson"/> written byte for byte (empty = <c>null</c>). Null when the
    /// params are not one valid JSON value, or a name cannot be written.
    /// </summary>
    public static byte[]? TryBuild(string id, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState) =>
        paramsJson.IsEmpty || IsOneJsonValue(paramsJson.Span)
            ? TryBuildFromValidated(id, capability, paramsJson.Span, traceParent, traceState)
            : null;

    /// <summary>
    /// Gateway: as <see cref="TryBuild"/>, for params the edge has already checked to be one JSON value (a REST body or
    /// MCP arguments), so they are not read a second time. The params are copied once, straight into the frame: the
    /// members around them are written by the thread's <see cref="Utf8JsonWriter"/> with a <c>null</c> in their place,
    /// and the exact-size frame is put together from that and the params. Null only when a name cannot be written.
    /// </summary>
    public static byte[]? TryBuildFromValidated(string id, string capability, ReadOnlySpan<byte> paramsJson, string? traceParent, string? traceState)
    {
        var json = FrameWriter.Rent(out var buffer);
        try
        {
            json.WriteStartObject();
            json.WriteString(FrameMembers.Id, id);
            json.WriteString(FrameMembers.Capability, capability);
            json.WritePropertyName(FrameMembers.Params);
            json.Flush();
            var paramsAt = buffer.WrittenCount;
            json.WriteNullValue();
            if (!string.IsNullOrEmpty(traceParent))
            {
                json.WriteString(FrameMembers.TraceParent, traceParent);
                if (!string.IsNullOrEmpty(traceState))
                {
                    json.WriteString(FrameMembers.TraceState, traceState);
                }
            }

            json.WriteEndObject();
            json.Flush();
            var members = buffer.WrittenSpan;
            if (paramsJson.IsEmpty)
            {
                return members.ToArray();
            }

            var rest = members[(paramsAt + NullLiteralBytes)..];
            var frame = GC.AllocateUninitializedArray<byte>(paramsAt + paramsJson.Length + rest.Length);
            members[..paramsAt].CopyTo(frame);
            paramsJson.CopyTo(frame.AsSpan(paramsAt));
            rest.CopyTo(frame.AsSpan(paramsAt + paramsJson.Length));
            return frame;
        }
        catch (ArgumentException)
        {
            // A name that is not valid UTF-16 (a lone surrogate) cannot be written as JSON.
            return null;
        }
        finally
        {
            FrameWriter.Release(json, buffer);
        }
    }

    /// <summary>
    /// Agent: the call members of a frame that has no <c>type</c> (its id is read by <see cref="FrameId.TryRead"/>).
    /// The params element belongs to the document <paramref name="frame"/> comes from.
    /// </summary>
    public static RequestMembers Read(JsonElement frame)
    {
        // A capability that is not a string (or not valid Unicode) stays null: answered as an invalid request.
        var capability = FrameText.Optional(frame, FrameMembers.Capability);

        JsonElement? parameters = null;
        var paramsValid = false;
        if (frame.TryGetProperty(FrameMembers.Params, out var paramsElement))
        {
            paramsValid = paramsElement.ValueKind is JsonValueKind.Object or JsonValueKind.Null;
            parameters = paramsElement;
        }

        // Trace context is optional: a value that is not a readable string is ignored, as an invalid one would be.
        return new RequestMembers(capability, paramsValid, parameters, FrameText.Optional(frame, FrameMembers.TraceParent), FrameText.Optional(frame, FrameMembers.TraceState));
    }

    /// <summary>
    /// Exactly one JSON value. Checked here rather than by <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>,
    /// whose validation stops at depth 64: the edge owns the depth rule, the tunnel only forwards.
    /// </summary>
    private static bool IsOneJsonValue(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
