using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Onprest.Gateway.Configuration;

/// <summary>
/// <c>GATEWAY_API_KEYS_JSON</c> in the order of docs/gateway.md. Parse reasons name a position and a
/// problem only: <see cref="JsonException"/> texts can quote input characters, so they are never passed on.
/// </summary>
internal static partial class ApiKeysParser
{
    public const int MaxKeys = 100;

    public static IReadOnlyList<ApiKeyEntry> Parse(string? value)
    {
        var text = StripQuotes((value ?? string.Empty).Trim());
        if (text.Length == 0)
        {
            throw new GatewayConfigException("GATEWAY_API_KEYS_JSON is required");
        }

        var raw = ReadEntries(text);
        if (raw.Count == 0)
        {
            throw new GatewayConfigException("at least one API key is required");
        }

        if (raw.Count > MaxKeys)
        {
            throw new GatewayConfigException("GATEWAY_API_KEYS_JSON supports at most 100 keys");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in raw)
        {
            if (string.IsNullOrEmpty(entry.Name))
            {
                throw new GatewayConfigException("GATEWAY_API_KEYS_JSON[].name is required");
            }

            if (string.IsNullOrEmpty(entry.KeyHash))
            {
                throw new GatewayConfigException($"api key {Quote(entry.Name)} key_hash is required");
            }

            if (!BcryptHash().IsMatch(entry.KeyHash))
            {
                throw new GatewayConfigException($"api key {Quote(entry.Name)} key_hash must be a bcrypt hash");
            }

            if (entry.KeyId is { } id)
            {
                if (!Auth.ApiKeyFormat.IsValidId(id))
                {
                    throw new GatewayConfigException($"api key {Quote(entry.Name)} key_id must be 1 to 32 lowercase letters or digits");
                }

                if (!ids.Add(id))
                {
                    throw new GatewayConfigException($"api key {Quote(entry.Name)} key_id is already used by another key");
                }
            }
        }

        return raw;
    }

    /// <summary>Env files and shells often keep the surrounding quotes; one matching pair is removed ( step 1).</summary>
    private static string StripQuotes(string text) =>
        text.Length >= 2 && (text[0] is '\'' or '"') && text[^1] == text[0] ? text[1..^1] : text;

    private static List<ApiKeyEntry> ReadEntries(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new GatewayConfigException(
                $"parse GATEWAY_API_KEYS_JSON: invalid JSON at line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw ParseError("expected a JSON array of objects");
            }

            var entries = new List<ApiKeyEntry>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw ParseError($"entry {index} must be an object");
                }

                entries.Add(new ApiKeyEntry(
                    OptionalString(element, "name", index),
                    OptionalString(element, "key_hash", index),
                    Capabilities(element, index),
                    OptionalString(element, "key_id", index) is { Length: > 0 } keyId ? keyId : null));
                index++;
            }

            return entries;
        }
    }

    private static string OptionalString(JsonElement entry, string member, int index)
    {
        if (!entry.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return string.Empty;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw ParseError($"entry {index} member {member} must be a string");
    }

    private static List<string> Capabilities(JsonElement entry, int index)
    {
        if (!entry.TryGetProperty("capabilities", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var single = value.GetString()!;
            return single.Length == 0 ? [] : [single];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ParseError($"entry {index} member capabilities must be a string or an array of strings");
        }

        var names = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw ParseError($"entry {index} member capabilities must be a string or an array of strings");
            }

            names.Add(item.GetString()!);
        }

        return names;
    }

    private static GatewayConfigException ParseError(string reason) => new($"parse GATEWAY_API_KEYS_JSON: {reason}");

    /// <summary>Writes a key name in double quotes with <c>"</c>, <c>\</c> and control characters escaped.</summary>
    internal static string Quote(string name)
    {
        var builder = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    [GeneratedRegex("^\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BcryptHash();
}
