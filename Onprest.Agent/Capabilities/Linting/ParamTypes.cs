namespace Onprest.Agent.Capabilities.Linting;

/// <summary>The type names of docs/capability-yaml.md, matched exactly.</summary>
internal static class ParamTypes
{
    public static ParamType? TryParse(string? text) => text switch
    {
        "string" => ParamType.String,
        "integer" => ParamType.Integer,
        "number" => ParamType.Number,
        "boolean" => ParamType.Boolean,
        _ => null,
    };

    public static string Name(ParamType type) => type switch
    {
        ParamType.String => "string",
        ParamType.Integer => "integer",
        ParamType.Number => "number",
        _ => "boolean",
    };
}
