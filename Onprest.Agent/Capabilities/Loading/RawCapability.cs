namespace Onprest.Agent.Capabilities.Loading;

/// <summary>One capability as written.</summary>
internal sealed record RawCapability
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Sql { get; init; }
    /// <summary>In the order written, merged keys where their merge key is.</summary>
    public IReadOnlyList<RawParameter> Params { get; init; } = [];
    public RawPolicy Policy { get; init; } = new();
    /// <summary>Null = no <c>result</c> (or a YAML null); an empty list = <c>result: {}</c>.</summary>
    public IReadOnlyList<RawResultColumn>? Result { get; init; }
    public CapabilityAnnotations? Annotations { get; init; }
    public IReadOnlyList<RawExample>? Examples { get; init; }
}
