using System.Globalization;
using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases;

/// <summary>
/// The coercion table of docs/agent-params.md: a classified database value written as the declared JSON type,
/// or a failure reason. Reasons name the source category and declared type only — never the value.
/// </summary>
public static class ValueCoercion
{
    private const double TwoTo63 = 9223372036854775808.0;

    public static bool TryWrite(Utf8JsonWriter json, in SourceValue value, ParamType declared, out string? failure)
    {
        failure = null;
        if (value.Category == SourceCategory.Null)
        {
            json.WriteNullValue();
            return true;
        }

        var ok = declared switch
        {
            ParamType.Integer => TryInteger(json, value),
            ParamType.Number => TryNumber(json, value),
            ParamType.Boolean => TryBoolean(json, value),
            _ => TryString(json, value),
        };
        if (!ok)
        {
            failure = $"cannot coerce {Describe(value.Category)} to {declared.ToString().ToLowerInvariant()}";
        }

        return ok;
    }

    /// <summary> binary: the bytes as UTF-8, invalid sequences replaced by U+FFFD.</summary>
    public static string DecodeUtf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static bool TryInteger(Utf8JsonWriter json, in SourceValue value)
    {
        switch (value.Category)
        {
            case SourceCategory.SignedInteger:
                json.WriteNumberValue(value.Signed);
                return true;
            case SourceCategory.UnsignedInteger when value.Unsigned <= long.MaxValue:
                json.WriteNumberValue((long)value.Unsigned);
                return true;
            case SourceCategory.FloatingPoint when double.IsFinite(value.Float) && Math.Floor(value.Float) == value.Float
                && value.Float >= -TwoTo63 && value.Float < TwoTo63:
                json.WriteNumberValue((long)value.Float);
                return true;
            case SourceCategory.ExactDecimal when NumericText.TryDecimalToInteger(value.Text!, out var fromDecimal):
                json.WriteNumberValue(fromDecimal);
                return true;
            case SourceCategory.Text when NumericText.TryParseInteger(value.Text, out var fromText):
                json.WriteNumberValue(fromText);
                return true;
            case SourceCategory.Binary when NumericText.TryParseInteger(DecodeUtf8(value.Bytes!), out var fromBytes):
                json.WriteNumberValue(fromBytes);
                return true;
            default:
                return false;
        }
    }

    private static bool TryNumber(Utf8JsonWriter json, in SourceValue value)
    {
        double number;
        switch (value.Category)
        {
            case SourceCategory.SignedInteger:
                number = value.Signed;
                break;
            case SourceCategory.UnsignedInteger:
                number = value.Unsigned;
                break;
            case SourceCategory.FloatingPoint when double.IsFinite(value.Float):
                number = value.Float;
                break;
            case SourceCategory.ExactDecimal when NumericText.TryDecimalToDouble(value.Text!, out var fromDecimal):
                number = fromDecimal;
                break;
            case SourceCategory.Text when NumericText.TryParseNumber(value.Text, out var fromText):
                number = fromText;
                break;
            case SourceCategory.Binary when NumericText.TryParseNumber(DecodeUtf8(value.Bytes!), out var fromBytes):
                number = fromBytes;
                break;
            default:
                return false;
        }

        json.WriteRawValue(FloatText.Format(number), skipInputValidation: true);
        return true;
    }

    private static bool TryBoolean(Utf8JsonWriter json, in SourceValue value)
    {
        bool result;
        switch (value.Category)
        {
            case SourceCategory.SignedInteger when value.Signed is 0 or 1:
                result = value.Signed == 1;
                break;
            case SourceCategory.UnsignedInteger when value.Unsigned is 0 or 1:
                result = value.Unsigned == 1;
                break;
            case SourceCategory.Boolean:
                result = value.Boolean;
                break;
            case SourceCategory.Text when NumericText.TryParseBoolean(value.Text!, out var fromText):
                result = fromText;
                break;
            case SourceCategory.Binary when NumericText.TryParseBoolean(DecodeUtf8(value.Bytes!), out var fromBytes):
                result = fromBytes;
                break;
            default:
                return false;
        }

        json.WriteBooleanValue(result);
        return true;
    }

    private static bool TryString(Utf8JsonWriter json, in SourceValue value)
    {
        var text = value.Category switch
        {
            SourceCategory.SignedInteger => value.Signed.ToString(CultureInfo.InvariantCulture),
            SourceCategory.UnsignedInteger => value.Unsigned.ToString(CultureInfo.InvariantCulture),
            SourceCategory.FloatingPoint => FloatText.Format(value.Float),
            SourceCategory.Boolean => value.Boolean ? "true" : "false",
            SourceCategory.Binary => DecodeUtf8(value.Bytes!),
            SourceCategory.Uuid => value.Text!.ToLowerInvariant(),
            _ => value.Text ?? "",
        };
        json.WriteStringValue(text);
        return true;
    }

    private static string Describe(SourceCategory category) => category switch
    {
        SourceCategory.SignedInteger => "signed integer",
        SourceCategory.UnsignedInteger => "unsigned integer",
        SourceCategory.FloatingPoint => "floating point",
        SourceCategory.ExactDecimal => "exact decimal",
        SourceCategory.DateTime => "date/time",
        _ => category.ToString().ToLowerInvariant(),
    };
}
