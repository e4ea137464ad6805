namespace Onprest.Agent.Capabilities;

/// <summary>
/// The whole linted capability.yaml: what the agent runs with. Built by the loader and linter
/// (<c>CapabilityFileLoader</c>); every other layer reads only this.
/// </summary>
public sealed record AgentConfiguration
{
    public required ServiceInfo Service { get; init; }
    /// <summary><c>runtime.max_concurrent_requests</c> (N).</summary>
    public int MaxConcurrentRequests { get; init; } = 16;
    public required Uri GatewayUrl { get; init; }
    /// <summary>The 32-byte Ed25519 seed (the public half was checked against it at lint).</summary>
    public required byte[] AgentPrivateKeySeed { get; init; }
    public required DatabaseSettings Database { get; init; }
    public long LogMaxSizeBytes { get; init; } = 10 * 1024 * 1024;
    public int LogMaxFiles { get; init; } = 3;
    /// <summary>Capabilities in ascending ordinal name order.</summary>
    public required IReadOnlyList<Capability> Capabilities { get; init; }
    /// <summary>The folder holding the resolved capability file.</summary>
    public required string ConfigurationFolder { get; init; }
    /// <summary><c>runtime.data_dir</c> made absolute (relative to <see cref="ConfigurationFolder"/>); null when not set.</summary>
    public string? DataDirectory { get; init; }

    public Capability? Find(string name)
    {
        foreach (var capability in Capabilities)
        {
            if (string.Equals(capability.Name, name, StringComparison.Ordinal))
            {
                return capability;
            }
        }

        return null;
    }
}

/// <summary>The <c>service</c> section with defaults applied (docs/capability-yaml.md).</summary>
public sealed record ServiceInfo(string Title, string Version, string Description);
