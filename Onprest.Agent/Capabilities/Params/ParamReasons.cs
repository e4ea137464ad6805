using Onprest.Contracts.Text;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// The reasons of docs/agent-params.md, without the <c>&lt;param&gt;: </c> prefix. They never contain the
/// submitted value, and every name they repeat is cut by <see cref="EchoedName"/> (a caller chooses the names of
/// the members it sends).
/// </summary>
public static class ParamReasons
{
    public const string DoesNotMatchPattern = "does not match pattern";
    public const string BelowMinLength = "below minLength";
    public const string AboveMaxLength = "above maxLength";
    public const string BelowMinimum = "below minimum";
    public const string AboveMaximum = "above maximum";
    public const string NotInEnum = "not in enum";
    public const string MustIncludeUriScheme = "must include URI scheme";

    /// <summary><c>must be string</c>, <c>must be integer</c>, <c>must be number</c>, <c>must be boolean</c>.</summary>
    public static string MustBe(ParamType type) => type switch
    {
        ParamType.String => "must be string",
        ParamType.Integer => "must be integer",
        ParamType.Number => "must be number",
        ParamType.Boolean => "must be boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown parameter type"),
    };

    /// <summary><c>must be email</c>, <c>must be uuid</c>, <c>must be date</c>, <c>must be date-time</c>, <c>must be uri</c>.</summary>
    public static string MustBe(StringFormat format) => "must be " + FormatName(format);

    /// <summary>The <c>format</c> keyword as written in capability.yaml and published in OpenAPI.</summary>
    public static string FormatName(StringFormat format) => format switch
    {
        StringFormat.Email => "email",
        StringFormat.Uuid => "uuid",
        StringFormat.Date => "date",
        StringFormat.DateTime => "date-time",
        StringFormat.Uri => "uri",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no format name"),
    };

    /// <summary><c>unknown param: &lt;name&gt;</c> ( step 1).</summary>
    public static string UnknownParam(string name) => "unknown param: " + EchoedName.Cut(name);

    /// <summary><c>required param missing: &lt;name&gt;</c> ( step 2).</summary>
    public static string RequiredParamMissing(string name) => "required param missing: " + EchoedName.Cut(name);

    /// <summary><c>missing sql param: &lt;name&gt;</c> (docs/capability-yaml.md).</summary>
    public static string MissingSqlParam(string name) => "missing sql param: " + EchoedName.Cut(name);

    /// <summary><c>sql is empty</c> (docs/capability-yaml.md).</summary>
    public const string SqlIsEmpty = "sql is empty";

    /// <summary>The full public message for a per-value failure: <c>&lt;name&gt;: &lt;reason&gt;</c>.</summary>
    public static string ForParam(string name, string reason) => EchoedName.Cut(name) + ": " + reason;
}
