namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// capability.yaml as decoded, before lint: every field as written (null = absent or YAML null).
/// Internal to loading and linting; the rest of the agent sees only <see cref="AgentConfiguration"/>.
/// </summary>
internal sealed record RawConfiguration
{
    public RawService Service { get; init; } = new();
    public RawRuntime Runtime { get; init; } = new();
    public RawGateway Gateway { get; init; } = new();
    public RawDatabase Database { get; init; } = new();
    public RawLogging Logging { get; init; } = new();
    public RawPolicy Defaults { get; init; } = new();
    /// <summary>In the order written; lint sorts them by name.</summary>
    public IReadOnlyList<RawCapability> Capabilities { get; init; } = [];
}
