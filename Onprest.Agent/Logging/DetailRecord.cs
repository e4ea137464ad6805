using System.Buffers;
using System.Text.Json;
using Onprest.Agent.Json;
using Onprest.Contracts.Text;

namespace Onprest.Agent.Logging;

/// <summary>One detail-log or diagnostic-log line (logging.md §4.3, §4.4, §5.3), serialized in the spec's member order.</summary>
internal static class DetailRecord
{
    /// <summary>Serializes a record plus the trailing newline.</summary>
    public static byte[] Serialize(
        DateTimeOffset time,
        string capability,
        string? errorCode,
        string? stage,
        string message,
        string detail,
        string? requestId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonWriting.Compact))
        {
            json.WriteStartObject();
            json.WriteString("ts", Rfc3339.Format(time));
            json.WriteString("event", "agent_error");
            json.WriteString("capability", capability);
            if (errorCode is not null)
            {
                json.WriteString("error_code", errorCode);
            }

            if (stage is not null)
            {
                json.WriteString("stage", stage);
            }

            json.WriteString("message", message);
            json.WriteString("detail", detail);
            if (requestId is not null)
            {
                json.WriteString("request_id", requestId);
            }

            json.WriteEndObject();
        }

        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }
}
