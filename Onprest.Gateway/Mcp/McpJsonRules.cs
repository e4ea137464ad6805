using System.Text.Json;

namespace Onprest.Gateway.Mcp;

/// <summary>Small predicates over JSON values used by the params rules of docs/api.md.</summary>
internal static class McpJsonRules
{
    public static bool IsObject(JsonElement value) => value.ValueKind == JsonValueKind.Object;

    public static bool IsStringOrNumber(JsonElement value) => value.ValueKind is JsonValueKind.String or JsonValueKind.Number;

    /// <summary>A JSON number without fraction or exponent.</summary>
    public static bool IsInteger(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && !value.GetRawText().AsSpan().ContainsAny('.', 'e', 'E');

    /// <summary>True when the member is absent or satisfies <paramref name="rule"/>.</summary>
    public static bool Optional(JsonElement owner, string member, Func<JsonElement, bool> rule) =>
        !owner.TryGetProperty(member, out var value) || rule(value);

    /// <summary>True when the member is present and satisfies <paramref name="rule"/>.</summary>
    public static bool Required(JsonElement owner, string member, Func<JsonElement, bool> rule) =>
        owner.TryGetProperty(member, out var value) && rule(value);

    public static bool IsString(JsonElement value) => value.ValueKind == JsonValueKind.String;

    public static bool IsBoolean(JsonElement value) => value.ValueKind is JsonValueKind.True or JsonValueKind.False;

    public static bool IsNumber(JsonElement value) => value.ValueKind == JsonValueKind.Number;

    /// <summary>The common <c>_meta</c> rule: an object if present; its <c>progressToken</c> a string or a number.</summary>
    public static bool ValidMeta(JsonElement owner) =>
        Optional(owner, "_meta", meta => IsObject(meta) && Optional(meta, "progressToken", IsStringOrNumber));

    /// <summary>An object whose optional members, when present, are all objects.</summary>
    public static bool ObjectWithOptionalObjects(JsonElement value, params string[] members) =>
        IsObject(value) && members.All(member => Optional(value, member, IsObject));
}
