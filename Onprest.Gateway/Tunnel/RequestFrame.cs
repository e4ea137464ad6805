using System.Buffers;
using System.Text.Json;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tunnel;

/// <summary>Builds the gateway → agent frames of tunnel.md §8 with <see cref="Utf8JsonWriter"/>.</summary>
internal static class RequestFrame
{
    /// <summary>
    /// <c>{"id","capability","params"[,"traceparent","tracestate"]}</c>; <paramref name="paramsJson"/> is written
    /// byte for byte (empty = <c>null</c>). Null when the params are not one valid JSON value.
    /// </summary>
    public static byte[]? TryBuild(string id, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState)
    {
        var buffer = new ArrayBufferWriter<byte>(paramsJson.Length + 128);
        try
        {
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, MaxDepth = 1024 });
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
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Exactly one JSON value. Checked here rather than by <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>,
    /// whose validation stops at depth 64: the edge owns the depth rule (D27), the tunnel only forwards.
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
