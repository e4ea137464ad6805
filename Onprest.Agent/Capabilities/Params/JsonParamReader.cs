using System.Globalization;
using System.Text.Json;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// The type check of a call-time JSON value (docs/agent-params.md): the typed value
/// (<c>string</c>, <c>long</c>, <c>double</c>, <c>bool</c>) or null when the value is not of the type.
/// </summary>
internal static class JsonParamReader
{
    public static object? Read(ParamType type, JsonElement value) => type switch
    {
        ParamType.String => ReadString(value),
        ParamType.Integer => ReadInteger(value),
        ParamType.Number => ReadNumber(value),
        ParamType.Boolean => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    private static string? ReadString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is not Unicode text: it cannot be counted, matched or bound.
            return null;
        }
    }

    private static object? ReadInteger(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        // decided on the exact text; "1.0", "1e3" and anything beyond int64 are not integers.
        var text = value.GetRawText();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static object? ReadNumber(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        // the nearest double of the exact text; overflow to infinity is "not a finite number".
        var number = double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? number : null;
    }
}
