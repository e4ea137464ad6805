using System.Text.Encodings.Web;
using System.Text.Json;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.OpenApi;

/// <summary>Writer settings and typed-value output shared by the document and the metadata answer.</summary>
internal static class OpenApiJson
{
    // Compact UTF-8 without HTML escaping: the document is served as application/json, never embedded in HTML,
    // and patterns such as "^[a-z]+$" stay readable. Control characters and lone surrogates are still escaped.
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Writes a typed parameter value (docs/api.md): int64 exactly, doubles round-trip.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case long integer:
                writer.WriteNumberValue(integer);
                break;
            case int integer:
                writer.WriteNumberValue(integer);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                // Values reach here only after conversion; anything else is a programming error, not data to publish.
                throw new ArgumentException($"unsupported parameter value of type {value.GetType().Name}", nameof(value));
        }
    }

    public static string TypeName(ParamType type) => type switch
    {
        ParamType.String => "string",
        ParamType.Integer => "integer",
        ParamType.Number => "number",
        ParamType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown parameter type"),
    };
}
