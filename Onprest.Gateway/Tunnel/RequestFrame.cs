using System.Buffers;
using System.Text.Json;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tunnel;

/// <summary>Builds the gateway → agent frames of docs/tunnel-protocol.md with <see cref="Utf8JsonWriter"/>.</summary>
internal static class RequestFrame
{
    /// <summary>Frames up to this size leave their buffer to the thread's next frame; a larger one's is let go.</summary>
    internal const int RetainedBufferBytes = 64 * 1024;

    // One writer and buffer per thread, reused frame after frame (as System.Text.Json's serializer does): a fresh
    // buffer writer and Utf8JsonWriter per call cost more than the frame itself and grew the buffer, by copying,
    // while writing; now the only allocation is the exact-size frame. Building is synchronous, so no other call
    // can touch them while one is writing.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    /// <summary>
    /// <c>{"id","capability","params"[,"traceparent","tracestate"]}</c>; <paramref name="paramsJson"/> is written
    /// byte for byte (empty = <c>null</c>). Null when the params are not one valid JSON value.
    /// </summary>
    public static byte[]? TryBuild(string id, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var json = t_json ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, MaxDepth = 1024 });
        try
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("capability", capability);
            json.WritePropertyName("params");
            if (paramsJson.IsEmpty)
            {
                json.WriteNullValue();
            }
            else if (IsOneJsonValue(paramsJson.Span))
            {
                json.WriteRawValue(paramsJson.Span, skipInputValidation: true);
            }
            else
            {
                return null;
            }

            if (!string.IsNullOrEmpty(traceParent))
            {
                json.WriteString("traceparent", traceParent);
                if (!string.IsNullOrEmpty(traceState))
                {
                    json.WriteString("tracestate", traceState);
                }
            }

            json.WriteEndObject();
            json.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        finally
        {
            Release(buffer, json);
        }
    }

    /// <summary>
    /// Leaves the writer empty for the next frame, whatever state a refused one left it in. The frame's bytes (the
    /// caller's params) are wiped rather than left in a buffer that outlives the call.
    /// </summary>
    private static void Release(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        json.Flush();
        json.Reset();
        if (buffer.Capacity > RetainedBufferBytes)
        {
            t_buffer = null;
            t_json = null;
            return;
        }

        buffer.Clear();
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

    /// <summary><c>{"type":"cancel","id":…}</c>.</summary>
    public static byte[] Cancel(string id) =>
        JsonSerializer.SerializeToUtf8Bytes(new TunnelCancel { Id = id }, Onprest.Contracts.Json.ContractsJsonContext.Default.TunnelCancel);
}
