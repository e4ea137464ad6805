using System.Globalization;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Scalar typing of docs/capability-yaml.md: untyped plain scalars resolve with the YAML 1.2 core schema,
/// quoted scalars are strings, and core tags force their type.
/// </summary>
internal static class YamlScalars
{
    /// <summary>The resolved kind of a scalar; never <see cref="ScalarKind.Composite"/>.</summary>
    /// <exception cref="CapabilityDecodeException">A tag outside the core schema, or a tagged value of the wrong form.</exception>
    public static ScalarKind Resolve(YamlScalarNode scalar)
    {
        switch (scalar.Tag)
        {
            case null:
                return scalar.IsPlain ? ResolvePlain(scalar.Value) : ScalarKind.String;
            case YamlTags.Str or YamlTags.NonSpecific:
                return ScalarKind.String;
            case YamlTags.Null:
                return ScalarKind.Null;
            case YamlTags.Bool when IsCoreBoolean(scalar.Value):
                return ScalarKind.Boolean;
            case YamlTags.Int when IsIntegerSyntax(scalar.Value):
                return ScalarKind.Integer;
            case YamlTags.Float when IsFloatSyntax(scalar.Value) || IsIntegerSyntax(scalar.Value):
                return ScalarKind.Float;
            case YamlTags.Bool or YamlTags.Int or YamlTags.Float:
                throw new CapabilityDecodeException($"yaml: invalid value for its tag at line {scalar.Line}");
            default:
                throw new CapabilityDecodeException($"yaml: unsupported tag at line {scalar.Line}");
        }
    }

    /// <summary>True for a YAML null: an untagged plain <c>~</c>, <c>null</c>, <c>Null</c>, <c>NULL</c> or empty value, or anything tagged <c>!!null</c>.</summary>
    public static bool IsNull(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Tag == YamlTags.Null || (scalar.Tag is null && scalar.IsPlain && IsNullWord(scalar.Value)),
        YamlAliasNode { IsCyclic: false } alias => IsNull(alias.Target),
        _ => node.Tag == YamlTags.Null,
    };

    /// <summary><c>true</c>/<c>True</c>/<c>TRUE</c>/<c>false</c>/<c>False</c>/<c>FALSE</c>.</summary>
    public static bool IsCoreBoolean(string text) => text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    public static bool CoreBooleanValue(string text) => text is "true" or "True" or "TRUE";

    /// <summary>The YAML 1.1 words boolean fields also accept; null when <paramref name="text"/> is none of them.</summary>
    public static bool? CompatibilityBoolean(string text) => text switch
    {
        "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    /// <summary>
    /// Parses an integer scalar: decimal with optional sign, <c>0x</c> hexadecimal or <c>0o</c> octal. False when the
    /// text is not integer syntax or does not fit 128 bits (callers range-check against int32/int64).
    /// </summary>
    public static bool TryParseInteger(string text, out Int128 value)
    {
        value = 0;
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'o')
        {
            var radix = text[1] == 'x' ? 16 : 8;
            for (var i = 2; i < text.Length; i++)
            {
                var digit = DigitValue(text[i]);
                if (digit < 0 || digit >= radix || value > (Int128.MaxValue - digit) / radix)
                {
                    return false;
                }

                value = (value * radix) + digit;
            }

            return true;
        }

        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        if (text.Length == start)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9 || value > (Int128.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        if (text[0] == '-')
        {
            value = -value;
        }

        return true;
    }

    /// <summary>True for integer syntax regardless of magnitude (an out-of-range integer is still an integer).</summary>
    public static bool IsIntegerSyntax(string text)
    {
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'o')
        {
            var radix = text[1] == 'x' ? 16 : 8;
            for (var i = 2; i < text.Length; i++)
            {
                var digit = DigitValue(text[i]);
                if (digit < 0 || digit >= radix)
                {
                    return false;
                }
            }

            return true;
        }

        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        if (text.Length == start)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>YAML 1.2 core float: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, <c>[-+]?.inf</c>, <c>.nan</c>.</summary>
    public static bool IsFloatSyntax(string text)
    {
        var s = text.AsSpan();
        if (s is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        if (!s.IsEmpty && s[0] is '+' or '-')
        {
            s = s[1..];
        }

        if (s is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }

        var i = 0;
        var whole = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            whole++;
        }

        var fraction = 0;
        var hasDot = i < s.Length && s[i] == '.';
        if (hasDot)
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                fraction++;
            }
        }

        if (whole == 0 && fraction == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var exponent = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    /// <summary>The value of a float scalar as a double (for callers that need it); infinities and NaN included.</summary>
    public static double ParseFloat(string text)
    {
        var s = text.TrimStart('+');
        return s switch
        {
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            ".inf" or ".Inf" or ".INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private static ScalarKind ResolvePlain(string text)
    {
        if (IsNullWord(text))
        {
            return ScalarKind.Null;
        }

        if (IsCoreBoolean(text))
        {
            return ScalarKind.Boolean;
        }

        if (IsIntegerSyntax(text))
        {
            return ScalarKind.Integer;
        }

        return IsFloatSyntax(text) ? ScalarKind.Float : ScalarKind.String;
    }

    private static bool IsNullWord(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
