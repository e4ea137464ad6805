using System.Buffers;
using System.Text.Json;
using Onprest.Agent.Json;
using Onprest.Contracts.Text;

namespace Onprest.Agent.Logging;

/// <summary>One detail-log or diagnostic-log line (docs/configuration.md), serialized in the spec's member order.</summary>
internal static class DetailRecord
{
    /// <summary>Ends a field that was cut to keep its record within the size limit.</summary>
    public const string TruncationMark = "…[truncated]";

    /// <summary>
    /// Serializes a record plus the trailing newline. With <paramref name="maxBytes"/>, the free-text fields
    /// (capability, message, detail, request id) are cut, longest first and never inside a surrogate pair, each
    /// cut ending in <see cref="TruncationMark"/>, until the line fits.
    /// </summary>
    public static byte[] Serialize(
        DateTimeOffset time,
        string capability,
        string? errorCode,
        string? stage,
        string message,
        string detail,
        string? requestId,
        int maxBytes = int.MaxValue)
    {
        var timestamp = Rfc3339.Format(time);
        string?[] originals = [capability, message, detail, requestId];
        var kept = new int[originals.Length];
        for (var i = 0; i < originals.Length; i++)
        {
            // Every UTF-16 unit encodes to at least one byte, so text beyond maxBytes units can never fit: drop it
            // before any encoding work (a caller may have sent a megabyte).
            kept[i] = Math.Min(originals[i]?.Length ?? 0, maxBytes);
            kept[i] = CodePointBoundary(originals[i], kept[i]);
        }

        var line = Render(timestamp, errorCode, stage, originals, kept);
        while (line.Length > maxBytes)
        {
            var longest = -1;
            for (var i = 0; i < kept.Length; i++)
            {
                if (kept[i] > 0 && (longest < 0 || kept[i] > kept[longest]))
                {
                    longest = i;
                }
            }

            if (longest < 0)
            {
                // Only the fixed members are left; they are a few hundred bytes, far below any limit the log uses.
                return line;
            }

            // The longest prefix of this field that fits (a character encodes to 1–6 bytes, so search for it).
            // If even an empty prefix does not fit, the field stays empty and the next longest is cut.
            var low = 0;
            var high = kept[longest] - 1;
            byte[]? best = null;
            var bestKept = 0;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                kept[longest] = CodePointBoundary(originals[longest], middle);
                var candidate = Render(timestamp, errorCode, stage, originals, kept);
                if (candidate.Length <= maxBytes)
                {
                    best = candidate;
                    bestKept = kept[longest];
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            kept[longest] = bestKept;
            line = best ?? Render(timestamp, errorCode, stage, originals, kept);
        }

        return line;
    }

    private static byte[] Render(string timestamp, string? errorCode, string? stage, string?[] originals, int[] kept) =>
        Write(timestamp, errorCode, stage, Field(originals, kept, 0)!, Field(originals, kept, 1)!, Field(originals, kept, 2)!, Field(originals, kept, 3));

    private static string? Field(string?[] originals, int[] kept, int index)
    {
        var original = originals[index];
        return original is null || kept[index] == original.Length ? original : original[..kept[index]] + TruncationMark;
    }

    /// <summary>Moves a cut position back by one when it would separate a surrogate pair.</summary>
    private static int CodePointBoundary(string? text, int length) =>
        text is not null && length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) && char.IsLowSurrogate(text[length])
            ? length - 1
            : length;

    private static byte[] Write(string timestamp, string? errorCode, string? stage, string capability, string message, string detail, string? requestId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonWriting.Compact))
        {
            json.WriteStartObject();
            json.WriteString("ts", timestamp);
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
