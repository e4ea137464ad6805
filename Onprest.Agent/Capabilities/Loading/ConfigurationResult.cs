using System.Diagnostics.CodeAnalysis;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The outcome of loading capability.yaml: exactly one of <see cref="Configuration"/> and <see cref="Error"/>.</summary>
public sealed record ConfigurationResult
{
    private ConfigurationResult(AgentConfiguration? configuration, ConfigurationError? error)
    {
        Configuration = configuration;
        Error = error;
    }

    public AgentConfiguration? Configuration { get; }

    public ConfigurationError? Error { get; }

    [MemberNotNullWhen(true, nameof(Configuration))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Configuration is not null;

    internal static ConfigurationResult Success(AgentConfiguration configuration) => new(configuration, null);

    internal static ConfigurationResult Failure(ConfigurationError error) => new(null, error);
}
