namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A parameter definition as written; presence is merge-aware.</summary>
internal sealed record RawParameter
{
    public required string Name { get; init; }
    public string? Type { get; init; }
    public bool? Required { get; init; }
    /// <summary>Null = no <c>default</c> key; <see cref="ScalarValue.Null"/> = an explicit null default.</summary>
    public ScalarValue? Default { get; init; }
    public IReadOnlyList<ScalarValue>? Enum { get; init; }
    public long? Minimum { get; init; }
    public long? Maximum { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>Null = absent; <c>""</c> = written empty (still "present" for rule 4).</summary>
    public string? Pattern { get; init; }
    /// <summary>Null = absent; <c>""</c> = written empty (still "present" for rule 4).</summary>
    public string? Format { get; init; }
    public string? Description { get; init; }
}
