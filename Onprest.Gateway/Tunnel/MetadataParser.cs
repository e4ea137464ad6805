using System.Text.Json;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Reads the metadata answer <c>{"data":…,"response_kinds":{…}}</c> (docs/tunnel-protocol.md) keeping <c>data</c> as raw
/// bytes so numbers stay exact. Unknown kind strings are dropped (that capability's kind is then unknown).
/// </summary>
internal static class MetadataParser
{
    public static bool TryParse(ReadOnlySpan<byte> result, out byte[] document, out Dictionary<string, string> kinds, out string error)
    {
        document = [];
        kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        error = "";
        byte[]? data = null;
        var sawKinds = false;
        try
        {
            var reader = new Utf8JsonReader(result, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "metadata result is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                    data = isObject ? result[start..(int)reader.BytesConsumed].ToArray() : null;
                }
                else if (reader.ValueTextEquals("response_kinds"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        error = "metadata response_kinds is not an object";
                        return false;
                    }

                    sawKinds = true;
                    ReadKinds(ref reader, kinds);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            error = "metadata result is not valid JSON";
            return false;
        }

        if (data is null)
        {
            error = "metadata data is missing or not an object";
            return false;
        }

        if (!sawKinds)
        {
            error = "metadata response_kinds is missing";
            return false;
        }

        document = data;
        return true;
    }

    /// <summary>The number of members of the document's <c>paths</c> object (0 when absent).</summary>
    public static int CountPaths(ReadOnlySpan<byte> document)
    {
        var reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPaths = reader.ValueTextEquals("paths"u8);
            reader.Read();
            if (!isPaths || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                count++;
                reader.Read();
                reader.Skip();
            }

            return count;
        }

        return 0;
    }

    private static void ReadKinds(ref Utf8JsonReader reader, Dictionary<string, string> kinds)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                var kind = reader.GetString();
                if (kind is "select" or "mutation")
                {
                    kinds[name] = kind;
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
