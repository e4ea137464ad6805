namespace Onprest.Agent.Capabilities;

/// <summary>Hints published to OpenAPI and MCP (docs/capability-yaml.md); only keys written explicitly are non-null.</summary>
public sealed record CapabilityAnnotations
{
    public bool? ReadOnly { get; init; }
    public bool? Destructive { get; init; }
    public bool? Idempotent { get; init; }
    public bool? OpenWorld { get; init; }
}
