using Onprest.Agent.Sql;

namespace Onprest.Agent.Capabilities;

/// <summary>A linted capability, ready to validate calls against and execute. Never leaves the agent.</summary>
public sealed record Capability
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The SQL as written in capability.yaml (detail-log only; never sent to the gateway).</summary>
    public required string Sql { get; init; }
    public required SqlOperation Operation { get; init; }
    /// <summary>The SQL with <c>:name</c> placeholders rewritten for the configured engine.</summary>
    public required RewrittenSql Prepared { get; init; }
    public required EffectivePolicy Policy { get; init; }
    /// <summary>In the order written in capability.yaml.</summary>
    public required IReadOnlyList<ParameterSpec> Parameters { get; init; }
    /// <summary>Null = no <c>result</c> section (every row published as <c>{}</c>); in the order written.</summary>
    public IReadOnlyList<ResultColumn>? Result { get; init; }
    /// <summary>Null = no <c>annotations</c> section.</summary>
    public CapabilityAnnotations? Annotations { get; init; }
    /// <summary>Each example's <c>params</c> as validated JSON-ready values, in list order; null = no <c>examples</c>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? Examples { get; init; }

    public bool IsMutation => Operation is not SqlOperation.Select;
}
