using System.Text.Json;
using System.Text.Unicode;

namespace Onprest.Gateway.Http;

/// <summary>
/// The JSON rules of docs/gateway.md and valid UTF-8, exactly one value with optional
/// surrounding whitespace, no duplicate member names in any object, nesting at most 64. The bytes themselves
/// are forwarded unchanged, so numbers keep their exact text.
/// </summary>
public static class JsonBodyValidator
{
    public const int MaxDepth = 64;

    /// <summary>Returns the kind of the root value, or null when <paramref name="body"/> breaks a rule.</summary>
    public static JsonValueKind? Validate(ReadOnlySpan<byte> body)
    {
        // UTF-8 is checked inside the one reading pass: outside strings the JSON grammar allows only ASCII, so a body
        // is valid UTF-8 exactly when it parses and every string token's raw bytes are.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        var names = new Stack<HashSet<string>>();
        JsonValueKind? root = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        root ??= JsonValueKind.Object;
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        // Compared after unescaping: "a" and "\u0061" name the same member.
                        if (!Utf8.IsValid(reader.ValueSpan) || !names.Peek().Add(reader.GetString()!))
                        {
                            return null;
                        }

                        break;
                    case JsonTokenType.String:
                        if (!Utf8.IsValid(reader.ValueSpan))
                        {
                            return null;
                        }

                        root ??= JsonValueKind.String;
                        break;
                    default:
                        root ??= KindOf(reader.TokenType);
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }

        return root;
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };
}
