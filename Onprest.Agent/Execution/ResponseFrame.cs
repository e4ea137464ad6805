using System.Buffers;
using System.Text.Json;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>Agent → gateway frames (docs/tunnel-protocol.md): the id echoed as sent, then <c>result</c> or <c>error</c>.</summary>
internal static class ResponseFrame
{
    /// <summary>The id token of a frame that could not be read: <c>""</c>.</summary>
    public static readonly byte[] EmptyId = "\"\""u8.ToArray();

    private static ReadOnlySpan<byte> SuccessStart => "{\"id\":"u8;

    private static ReadOnlySpan<byte> ResultMember => ",\"result\":"u8;

    /// <summary>
    /// <c>{"id":…,"result":…}</c> with both values copied byte for byte. Both are raw JSON the agent already holds
    /// (the id token as received, the result it wrote), so nothing is escaped or validated: the frame is assembled
    /// straight into one array of its exact size instead of going through a writer, a stream and a final copy —
    /// for a multi-kilobyte result that was three copies and several growing buffers per call. The output is what
    /// <see cref="Utf8JsonWriter"/> wrote, including its refusal of an empty value.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rawId"/> or <paramref name="result"/> is empty.</exception>
    public static byte[] Success(byte[] rawId, ReadOnlySpan<byte> result)
    {
        if (rawId.Length == 0 || result.IsEmpty)
        {
            throw new ArgumentException("the id and the result must each be one JSON value");
        }

        var frame = new byte[SuccessStart.Length + rawId.Length + ResultMember.Length + result.Length + 1];
        var rest = frame.AsSpan();
        SuccessStart.CopyTo(rest);
        rest = rest[SuccessStart.Length..];
        rawId.CopyTo(rest);
        rest = rest[rawId.Length..];
        ResultMember.CopyTo(rest);
        rest = rest[ResultMember.Length..];
        result.CopyTo(rest);
        rest[result.Length] = (byte)'}';
        return frame;
    }

    /// <summary>
    /// <c>message</c> is omitted when empty. Written to a buffer writer rather than a <see cref="MemoryStream"/>: a
    /// writer over a stream keeps its own growing buffer as well, several kilobytes for a frame of about a hundred bytes.
    /// </summary>
    public static byte[] Error(byte[] rawId, PublicError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("id");
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WriteStartObject("error");
            json.WriteString("code", error.Code);
            if (!string.IsNullOrEmpty(error.Message))
            {
                json.WriteString("message", error.Message);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
