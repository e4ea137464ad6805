namespace Onprest.Agent.Capabilities;

/// <summary>The YAML type of an untyped value (a default, an enum member, an example param) — docs/capability-yaml.md.</summary>
public enum ScalarKind
{
    Null,
    Integer,
    Float,
    String,
    Boolean,
    /// <summary>A mapping or sequence where a scalar was expected (example params): fails every type check.</summary>
    Composite,
}

/// <summary>
/// An untyped scalar as written in capability.yaml: its resolved YAML kind and its text as written
/// (for <see cref="ScalarKind.Boolean"/> the text is <c>true</c> or <c>false</c>; integers keep their
/// hexadecimal or octal spelling, converters parse it). Converted per parameter type by the params layer.
/// </summary>
public sealed record ScalarValue(ScalarKind Kind, string Text)
{
    public static readonly ScalarValue Null = new(ScalarKind.Null, "");
}
