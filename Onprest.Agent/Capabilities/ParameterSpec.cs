using System.Text.RegularExpressions;

namespace Onprest.Agent.Capabilities;

/// <summary>
/// A linted parameter contract (docs/capability-yaml.md). Typed values (<see cref="Default"/>, <see cref="Enum"/>)
/// are CLR values of the parameter type: <c>string</c>, <c>long</c> (integer), <c>double</c> (number), <c>bool</c>.
/// </summary>
public sealed record ParameterSpec
{
    public required string Name { get; init; }
    public required ParamType Type { get; init; }
    public bool Required { get; init; }
    public bool HasDefault { get; init; }
    public object? Default { get; init; }
    /// <summary>Null or empty = no enum constraint.</summary>
    public IReadOnlyList<object>? Enum { get; init; }
    public long? Minimum { get; init; }
    public long? Maximum { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>The pattern as written; null or empty = no constraint.</summary>
    public string? PatternText { get; init; }
    /// <summary>The compiled linear-time pattern, null when there is none.</summary>
    public Regex? Pattern { get; init; }
    public StringFormat Format { get; init; }

    /// <summary>
    /// False when a value of the right type is all the contract asks (no bounds, pattern, format or enum): a call's
    /// value then needs no constraint check after its type check.
    /// </summary>
    public bool HasConstraints =>
        Enum is { Count: > 0 } || Minimum is not null || Maximum is not null || MinLength is not null || MaxLength is not null
        || HasPattern || Format != StringFormat.None;

    /// <summary>A <c>pattern</c> constraint, compiled or (a spec built without the linter) as written.</summary>
    public bool HasPattern => Pattern is not null || !string.IsNullOrEmpty(PatternText);
    public string Description { get; init; } = "";
}
