using System.Text.Json;
using Onprest.Contracts.Errors;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// The response frame (docs/tunnel-protocol.md section 3), agent → gateway: the id echoed as sent, then exactly one of
/// <c>result</c> or <c>error</c>. The agent builds it; the gateway parses it.
/// </summary>
public static class ResponseFrame
{
    /// <summary>The id token of a frame that could not be read: <c>""</c>.</summary>
    public static readonly byte[] EmptyId = "\"\""u8.ToArray();

    // {"id":  and  ,"result":  — put together once from the member names.
    private static readonly byte[] SuccessStart = [.. "{\""u8, .. FrameMembers.Id, .. "\":"u8];
    private static readonly byte[] ResultMember = [.. ",\""u8, .. FrameMembers.Result, .. "\":"u8];

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Agent: <c>{"id":…,"result":…}</c> with both values copied byte for byte. Both are raw JSON the agent already
    /// holds (the id token as received, the result it wrote), so nothing is escaped or validated: the frame is assembled
    /// straight into one array of its exact size instead of going through a writer, a stream and a final copy — for a
    /// multi-kilobyte result that was three copies and several growing buffers per call. The output is what
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

    /// <summary>Agent: <c>{"id":…,"error":{"code":…,"message":…}}</c>; <c>message</c> is omitted when empty.</summary>
    public static byte[] Error(byte[] rawId, PublicError error)
    {
        var json = FrameWriter.Rent(out var buffer);
        try
        {
            json.WriteStartObject();
            json.WritePropertyName(FrameMembers.Id);
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WriteStartObject(FrameMembers.Error);
            json.WriteString(FrameMembers.Code, error.Code);
            if (!string.IsNullOrEmpty(error.Message))
            {
                json.WriteString(FrameMembers.Message, error.Message);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            return FrameWriter.ToArray(json, buffer);
        }
        finally
        {
            FrameWriter.Release(json, buffer);
        }
    }

    /// <summary>
    /// Gateway: reads a frame without building a DOM — <c>id</c>, <c>error.code</c>/<c>error.message</c>, and
    /// <c>result</c> kept as the exact bytes the agent sent (never re-serialized); unknown members are skipped. Null,
    /// with <paramref name="error"/> describing the problem without quoting the frame, when it is not such an object.
    /// </summary>
    public static TunnelResponse? Parse(ReadOnlySpan<byte> frame, out string error)
    {
        error = "";
        try
        {
            var reader = new Utf8JsonReader(frame, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "agent message is not a JSON object";
                return null;
            }

            string? id = null;
            PublicError? failure = null;
            byte[]? result = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(FrameMembers.Id))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals(FrameMembers.Error))
                {
                    reader.Read();
                    failure = ReadError(ref reader);
                }
                else if (reader.ValueTextEquals(FrameMembers.Result))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    result = frame[start..(int)reader.BytesConsumed].ToArray();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                error = "agent message has trailing data";
                return null;
            }

            return new TunnelResponse(id, failure, failure is null ? result : null);
        }
        catch (JsonException)
        {
            error = "agent message is not valid JSON";
            return null;
        }
    }

    private static PublicError ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // An error member that is not an object still marks the call failed; there is no code to pass through.
            reader.Skip();
            return PublicErrors.AgentInternal;
        }

        string? code = null;
        var message = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCode = reader.ValueTextEquals(FrameMembers.Code);
            var isMessage = reader.ValueTextEquals(FrameMembers.Message);
            reader.Read();
            if (isCode && reader.TokenType == JsonTokenType.String)
            {
                code = reader.GetString();
            }
            else if (isMessage && reader.TokenType == JsonTokenType.String)
            {
                message = reader.GetString() ?? "";
            }
            else
            {
                reader.Skip();
            }
        }

        return string.IsNullOrEmpty(code) ? PublicErrors.AgentInternal : new PublicError(code, message);
    }
}
