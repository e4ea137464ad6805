using System.Globalization;
using System.Text.RegularExpressions;

namespace Onprest.Gateway.Configuration;

/// <summary>The scalar syntaxes of docs/gateway.md with their exact messages.</summary>
internal static partial class EnvironmentScalars
{
    private static readonly HashSet<string> TrueValues = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly HashSet<string> FalseValues = ["0", "f", "F", "FALSE", "false", "False"];

    public static long PositiveInteger(string variable, string value)
    {
        if (!IntegerSyntax().IsMatch(value))
        {
            throw new GatewayConfigException($"{variable} must be an integer: invalid syntax");
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new GatewayConfigException($"{variable} must be an integer: value out of range");
        }

        return parsed > 0 ? parsed : throw new GatewayConfigException($"{variable} must be > 0");
    }

    /// <summary>A decimal integer from <paramref name="min"/> to <paramref name="max"/>: <c>&lt;VAR&gt; must be from &lt;min&gt; to &lt;max&gt;</c> otherwise.</summary>
    public static long IntegerInRange(string variable, string value, long min, long max)
    {
        if (!IntegerSyntax().IsMatch(value))
        {
            throw new GatewayConfigException($"{variable} must be an integer: invalid syntax");
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new GatewayConfigException($"{variable} must be an integer: value out of range");
        }

        return parsed >= min && parsed <= max ? parsed : throw new GatewayConfigException($"{variable} must be from {min} to {max}");
    }

    public static double PositiveNumber(string variable, string value)
    {
        if (!NumberSyntax().IsMatch(value))
        {
            throw new GatewayConfigException($"{variable} must be a number: invalid syntax");
        }

        var parsed = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(parsed))
        {
            throw new GatewayConfigException($"{variable} must be a number: value out of range");
        }

        return parsed > 0 ? parsed : throw new GatewayConfigException($"{variable} must be > 0");
    }

    public static bool Boolean(string variable, string value)
    {
        if (TrueValues.Contains(value))
        {
            return true;
        }

        return FalseValues.Contains(value) ? false : throw new GatewayConfigException($"{variable} must be a boolean: invalid syntax");
    }

    // ASCII digits only: \d would also admit other Unicode decimal digits.
    [GeneratedRegex("^[+-]?[0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberSyntax();
}
