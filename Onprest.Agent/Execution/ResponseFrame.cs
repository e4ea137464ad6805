using System.Text.Json;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>Agent → gateway frames (tunnel.md §8): the id echoed as sent, then <c>result</c> or <c>error</c>.</summary>
internal static class ResponseFrame
{
    /// <summary>The id token of a frame that could not be read: <c>""</c>.</summary>
    public static readonly byte[] EmptyId = "\"\""u8.ToArray();

    public static byte[] Success(byte[] rawId, ReadOnlySpan<byte> result)
    {
        var buffer = new MemoryStream(result.Length + rawId.Length + 24);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("id");
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WritePropertyName("result");
            json.WriteRawValue(result, skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><c>message</c> is omitted when empty.</summary>
    public static byte[] Error(byte[] rawId, PublicError error)
    {
        var buffer = new MemoryStream(128);
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

        return buffer.ToArray();
    }
}
