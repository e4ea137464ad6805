using System.Text.Json;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Reads an agent frame without building a DOM (docs/tunnel-protocol.md): <c>id</c>, <c>error.code</c>/<c>error.message</c>,
/// and <c>result</c> kept as the exact bytes the agent sent (never re-serialized). Unknown members are skipped.
/// </summary>
internal static class AgentResponseParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Returns the response, or null with <paramref name="error"/> describing the problem without quoting the frame.
    /// </summary>
    public static AgentResponse? Parse(ReadOnlySpan<byte> frame, out string error)
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
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    failure = ReadError(ref reader);
                }
                else if (reader.ValueTextEquals("result"u8))
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

            return new AgentResponse(id, failure, failure is null ? result : null);
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
            var isCode = reader.ValueTextEquals("code"u8);
            var isMessage = reader.ValueTextEquals("message"u8);
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
