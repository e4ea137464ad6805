using System.Globalization;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Why capability.yaml was refused. <see cref="PublicMessage"/> is the stable message (the lint message, or
/// <c>capability configuration is invalid</c> for a file that could not be decoded); <see cref="Detail"/> is the
/// decode text (<c>parse capability.yaml: &lt;detail&gt;</c>). Where the problem is (<see cref="File"/>,
/// <see cref="Line"/>, <see cref="Column"/>, <see cref="FieldPath"/>) and how to mend it (<see cref="Fix"/>) come
/// with it; <see cref="Explanation"/> is the one line the CLI prints. None of these ever holds a configured value:
/// decode texts name keys and schema fields only, keys pass the sanitizer.
/// </summary>
public sealed record ConfigurationError(ConfigurationErrorClass Class, string PublicMessage, string Detail)
{
    /// <summary>The stable public text of every decode-time error.</summary>
    public const string InvalidConfigurationMessage = "capability configuration is invalid";

    private const string DecodePrefix = "parse capability.yaml: ";

    /// <summary>The absolute path of the capability file, when one was read.</summary>
    public string? File { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>The dotted field path (<c>capabilities.get_customer.policy.max_row</c>), when known.</summary>
    public string? FieldPath { get; init; }

    /// <summary>The decode reason without its prefix; for lint errors the lint message.</summary>
    public string Reason => Class == ConfigurationErrorClass.Decode && Detail.StartsWith(DecodePrefix, StringComparison.Ordinal)
        ? Detail[DecodePrefix.Length..]
        : PublicMessage;

    public string? Fix { get; init; }

    /// <summary>
    /// The teaching line: <c>capability configuration is invalid: capabilities.x.policy.max_row: field max_row not
    /// found in policy definition; did you mean max_rows? (/etc/onprest/capability.yaml:12:7)</c>; for a lint error
    /// the lint message with the same fix and location parts.
    /// </summary>
    public string Explanation
    {
        get
        {
            var text = Class == ConfigurationErrorClass.Decode
                ? PublicMessage + ": " + (FieldPath is null || Reason.Contains(FieldPath, StringComparison.Ordinal) ? "" : FieldPath + ": ") + Reason
                : PublicMessage;
            if (Fix is not null)
            {
                text += "; " + Fix;
            }

            return Location is { } location ? text + " (" + location + ")" : text;
        }
    }

    /// <summary><c>file:line:column</c> with the parts that are known.</summary>
    public string? Location => File is null
        ? null
        : File + (Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) + (Column is { } column and > 0 ? ":" + column.ToString(CultureInfo.InvariantCulture) : "") : "");

    internal static ConfigurationError Decode(string detail) =>
        new(ConfigurationErrorClass.Decode, InvalidConfigurationMessage, DecodePrefix + detail);

    internal static ConfigurationError Lint(string message) => new(ConfigurationErrorClass.Lint, message, message);
}
