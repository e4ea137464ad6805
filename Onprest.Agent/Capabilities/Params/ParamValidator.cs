using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// Validates a call's params against a capability's parameter contract (docs/agent-params.md) and orders
/// the validated values for binding (docs/capability-yaml.md).
/// </summary>
public static class ParamValidator
{
    /// <summary>
    /// Call time. <paramref name="parameters"/> is the forwarded <c>params</c>: an object, JSON <c>null</c>,
    /// or absent (null), the last two meaning <c>{}</c>. Numbers are read from their exact JSON text.
    /// </summary>
    /// <exception cref="ArgumentException">params is neither an object nor null (the tunnel rejects that first, docs/tunnel-protocol.md).</exception>
    public static ParamValidationResult Validate(IReadOnlyList<ParameterSpec> specs, JsonElement? parameters)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var supplied = new List<KeyValuePair<string, JsonElement>>();
        if (parameters is { } element && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("params must be a JSON object or null", nameof(parameters));
            }

            foreach (var member in element.EnumerateObject())
            {
                supplied.Add(new(member.Name, member.Value));
            }
        }

        return Run(specs, supplied, ReadJson);
    }

    /// <summary>Example params written in capability.yaml (docs/capability-yaml.md), validated exactly like a call.</summary>
    public static ParamValidationResult ValidateYaml(IReadOnlyList<ParameterSpec> specs, IReadOnlyList<KeyValuePair<string, ScalarValue>> values)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(values);
        return Run(specs, values, static (type, scalar) =>
            ParamValues.TryConvertYaml(type, scalar, out var converted, out _) ? converted : null);
    }

    /// <summary>
    /// One value per placeholder occurrence, left to right; fails with <c>missing sql param: &lt;name&gt;</c>
    /// for a placeholder without a validated value, or <c>sql is empty</c> (docs/capability-yaml.md).
    /// </summary>
    public static bool TryBind(RewrittenSql sql, IReadOnlyDictionary<string, object> values, out object[] ordered, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(values);
        ordered = [];
        if (string.IsNullOrWhiteSpace(sql.Text))
        {
            error = ParamReasons.SqlIsEmpty;
            return false;
        }

        var result = new object[sql.ParameterNames.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var name = sql.ParameterNames[i];
            if (!values.TryGetValue(name, out var value))
            {
                error = ParamReasons.MissingSqlParam(name);
                return false;
            }

            result[i] = value;
        }

        ordered = result;
        error = null;
        return true;
    }

    /// <summary>
    /// The value bound for a parameter by the start-up EXPLAIN (docs/capability-yaml.md): the
    /// default, else the first enum member, else a sample for the string format, else a dummy of the type.
    /// </summary>
    public static object PlaceholderValue(ParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.HasDefault && spec.Default is { } defaultValue)
        {
            return defaultValue;
        }

        if (spec.Enum is { Count: > 0 } members)
        {
            return members[0];
        }

        return spec.Type switch
        {
            ParamType.String => spec.Format switch
            {
                StringFormat.Uuid => "00000000-0000-4000-8000-000000000000",
                StringFormat.Date => "2000-01-01",
                StringFormat.DateTime => "2000-01-01T00:00:00Z",
                StringFormat.Email => "user@example.com",
                StringFormat.Uri => "https://example.com/",
                _ => "x",
            },
            ParamType.Integer => 1L,
            ParamType.Number => 1.0,
            ParamType.Boolean => true,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "unknown parameter type"),
        };
    }

    private static ParamValidationResult Run<T>(
        IReadOnlyList<ParameterSpec> specs,
        IReadOnlyList<KeyValuePair<string, T>> supplied,
        Func<ParamType, T, object?> read)
    {
        var declared = new Dictionary<string, ParameterSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            declared.TryAdd(spec.Name, spec);
        }

        // Step 1: the first undeclared member in request order. A repeated member (never forwarded by the
        // tunnel) resolves to its last occurrence, as JsonElement.TryGetProperty does.
        var present = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, value) in supplied)
        {
            if (!declared.ContainsKey(name))
            {
                return ParamValidationResult.Failed(ParamReasons.UnknownParam(name));
            }

            present[name] = value;
        }

        // Step 2: presence for every declared parameter before any value is type-checked.
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (present.ContainsKey(spec.Name))
            {
                continue;
            }

            if (spec.HasDefault && spec.Default is { } defaultValue)
            {
                values[spec.Name] = defaultValue;
            }
            else if (spec.Required)
            {
                return ParamValidationResult.Failed(ParamReasons.RequiredParamMissing(spec.Name));
            }
        }

        // Steps 3–4: type, then constraints, per present value in declaration order; first failure wins.
        foreach (var spec in specs)
        {
            if (!present.TryGetValue(spec.Name, out var raw))
            {
                continue;
            }

            var typed = read(spec.Type, raw);
            var reason = typed is null ? ParamReasons.MustBe(spec.Type)
                : spec.HasConstraints ? ParamValues.CheckConstraints(spec, typed, checkEnum: true)
                : null;
            if (reason is not null)
            {
                return ParamValidationResult.Failed(ParamReasons.ForParam(spec.Name, reason));
            }

            values[spec.Name] = typed!;
        }

        return new ParamValidationResult(values, null);
    }

    /// <summary>
    /// The type check of a call-time JSON value (docs/agent-params.md): the typed value (<c>string</c>, <c>long</c>,
    /// <c>double</c>, <c>bool</c>) or null when the value is not of the type.
    /// </summary>
    private static object? ReadJson(ParamType type, JsonElement value) => type switch
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
