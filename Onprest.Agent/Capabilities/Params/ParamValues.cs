using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// Type conversion of values written in capability.yaml (docs/agent-params.md) and the constraint checks
/// shared by call time, defaults, enum members and examples.
/// </summary>
public static class ParamValues
{
    // YAML floats convert to integer only when integral and within ±2^53 (exact in a double).
    private const double MaxExactDouble = 9007199254740992d;

    private static readonly Regex NothingMatches = new(@"[^\s\S]", PatternCompiler.Options);

    /// <summary>
    /// Converts a YAML-typed value for a parameter type: <c>string</c>, <c>long</c>, <c>double</c> or
    /// <c>bool</c>. Fails with <c>must be &lt;type&gt;</c>; null and composite values always fail.
    /// </summary>
    public static bool TryConvertYaml(ParamType type, ScalarValue value, out object? converted, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        converted = type switch
        {
            ParamType.Integer => ConvertInteger(value),
            ParamType.Number => ConvertNumber(value),
            ParamType.String => value.Kind == ScalarKind.String ? value.Text : null,
            ParamType.Boolean => ConvertBoolean(value),
            _ => null,
        };
        reason = converted is null ? ParamReasons.MustBe(type) : null;
        return converted is not null;
    }

    /// <summary>
    /// The checks after the type check, in the spec's order for the type (strings: minLength, maxLength,
    /// pattern, format, enum; integers and numbers: minimum, maximum, enum; booleans: enum). Returns null
    /// when the value passes, else the reason without the <c>&lt;name&gt;: </c> prefix.
    /// </summary>
    /// <param name="checkEnum">False when checking an enum member itself (docs/capability-yaml.md rule 10).</param>
    public static string? CheckConstraints(ParameterSpec spec, object value, bool checkEnum)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(value);
        var reason = (spec.Type, value) switch
        {
            (ParamType.String, string text) => CheckString(spec, text),
            (ParamType.Integer, long number) => CheckRange(spec, number, number),
            (ParamType.Number, double number) => CheckRange(spec, number, null),
            (ParamType.Boolean, bool) => null,
            _ => ParamReasons.MustBe(spec.Type),
        };
        if (reason is null && checkEnum && !InEnum(spec, value))
        {
            reason = ParamReasons.NotInEnum;
        }

        return reason;
    }

    private static object? ConvertInteger(ScalarValue value)
    {
        switch (value.Kind)
        {
            case ScalarKind.Integer when YamlNumbers.TryParseInteger(value.Text, out var big)
                && big >= long.MinValue && big <= long.MaxValue:
                return (long)big;
            case ScalarKind.Float when YamlNumbers.TryParseFloat(value.Text, out var number)
                && double.IsFinite(number) && Math.Abs(number) <= MaxExactDouble && Math.Floor(number) == number:
                // (long)-0.0 is 0: the sign of zero does not survive, as for JSON "-0".
                return (long)number;
            default:
                return null;
        }
    }

    private static object? ConvertNumber(ScalarValue value)
    {
        double number;
        switch (value.Kind)
        {
            case ScalarKind.Integer when YamlNumbers.TryParseInteger(value.Text, out var big):
                // The explicit BigInteger→double conversion truncates; parsing the decimal text rounds to nearest.
                number = double.Parse(big.ToString(CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            case ScalarKind.Float when YamlNumbers.TryParseFloat(value.Text, out var parsed):
                number = parsed;
                break;
            default:
                return null;
        }

        return double.IsFinite(number) ? number : null;
    }

    private static object? ConvertBoolean(ScalarValue value)
    {
        if (value.Kind != ScalarKind.Boolean)
        {
            return null;
        }

        return value.Text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => null,
        };
    }

    private static string? CheckString(ParameterSpec spec, string text)
    {
        // Length bounds first: counting code points is cheap and bounded by the frame size, while a pattern or a
        // format parser does work per character. A caller cannot make the agent match a megabyte against a
        // pattern of a parameter that accepts ten characters.
        if (spec.MinLength is not null || spec.MaxLength is not null)
        {
            var length = CodePoints.Count(text);
            if (length < spec.MinLength)
            {
                return ParamReasons.BelowMinLength;
            }

            if (length > spec.MaxLength)
            {
                return ParamReasons.AboveMaxLength;
            }
        }

        var pattern = PatternOf(spec);
        if (pattern is not null && !pattern.IsMatch(text))
        {
            return ParamReasons.DoesNotMatchPattern;
        }

        return StringFormats.Check(spec.Format, text);
    }

    private static Regex? PatternOf(ParameterSpec spec)
    {
        if (spec.Pattern is not null || string.IsNullOrEmpty(spec.PatternText))
        {
            return spec.Pattern;
        }

        // A spec built without its compiled pattern (the linter sets both): compile it here, and treat a pattern
        // that cannot compile as one nothing matches rather than as no constraint.
        return PatternCompiler.TryCompile(spec.PatternText, out var compiled) ? compiled : NothingMatches;
    }

    private static string? CheckRange(ParameterSpec spec, double number, long? exact)
    {
        // integers compare as int64; numbers compare as doubles.
        if (spec.Minimum is long minimum && (exact is long e ? e < minimum : number < minimum))
        {
            return ParamReasons.BelowMinimum;
        }

        if (spec.Maximum is long maximum && (exact is long x ? x > maximum : number > maximum))
        {
            return ParamReasons.AboveMaximum;
        }

        return null;
    }

    private static bool InEnum(ParameterSpec spec, object value)
    {
        if (spec.Enum is not { Count: > 0 } members)
        {
            return true;
        }

        foreach (var member in members)
        {
            var equal = (member, value) switch
            {
                (long a, long b) => a == b,
                (double a, double b) => a == b,
                (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
                (bool a, bool b) => a == b,
                _ => false,
            };
            if (equal)
            {
                return true;
            }
        }

        return false;
    }
}
