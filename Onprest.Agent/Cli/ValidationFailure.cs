using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Cli;

/// <summary>
/// A failed <c>validate</c> stage (docs/cli.md). <see cref="Message"/> is the stage's public message (for
/// <c>capability_explain</c> without the capability name, which is <see cref="Capability"/>).
/// <see cref="DetailLog"/> is set only when a failure record was committed; <see cref="CleanupPath"/> only when a
/// temporary file was left behind.
/// </summary>
internal sealed record ValidationFailure(
    string Stage,
    string Message,
    string? Capability = null,
    string? DetailLog = null,
    string? CleanupPath = null)
{
    /// <summary>For the <c>config</c> stage: where the problem is and how to fix it.</summary>
    public ConfigurationError? Configuration { get; init; }
}
