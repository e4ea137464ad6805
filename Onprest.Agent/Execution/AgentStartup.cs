using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Logging;

namespace Onprest.Agent.Execution;

/// <summary>
/// Start-up steps 3–5 for the running agent (docs/agent-databases.md): on failure one redacted <c>AGENT_STARTUP_FAILED</c>
/// record goes to the detail log and exactly one safe line to stderr; the caller then exits 1.
/// </summary>
public static class AgentStartup
{
    public const string FailureLine = "agent init: agent startup failed; see agent detail log";

    /// <summary>Returns the checked engine, or null after reporting the failure.</summary>
    public static async Task<IDatabaseEngine?> PrepareDatabaseAsync(AgentConfiguration configuration, AgentDetailLog log, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using var result = await DatabaseChecks.RunAsync(configuration, cancellationToken);
        if (result.Failure is { } failure)
        {
            log.WriteStartupFailure(failure.Capability ?? "", $"{failure.Stage}: {failure.Detail}");
            // The fixed line, or with the one cause the operator can act on without the log (a missing SQLite file).
            await stderr.WriteLineAsync(failure.Message.StartsWith(DatabaseCheckStage.MessageFor(DatabaseCheckStage.DatabaseOpen) + "; ", StringComparison.Ordinal)
                ? $"agent init: agent startup failed: {failure.Message}; see agent detail log"
                : FailureLine);
            await stderr.FlushAsync(CancellationToken.None);
            return null;
        }

        return result.DetachEngine();
    }
}
