using Onprest.Agent.Capabilities;
using Onprest.Agent.Logging;

namespace Onprest.Agent.Execution;

/// <summary>
/// <c>validate</c> after a successful <c>config</c> stage (docs/cli.md): take the validate lock (<c>busy</c>), prepare
/// the diagnostic log (<c>detail_log</c>), run <see cref="DatabaseChecks"/>, then commit the failure record or remove
/// the old log (docs/configuration.md). Never touches the runtime detail log, so it can run while the agent runs.
/// </summary>
public static class ValidateDatabaseStages
{
    public static async Task<ValidateStagesResult> RunAsync(AgentConfiguration configuration, string logFolder, string baseName, TimeProvider time, CancellationToken cancellationToken)
    {
        var acquired = DiagnosticLog.Acquire(logFolder, baseName, DiagnosticKind.Validate);
        if (acquired.Log is not { } log)
        {
            return new ValidateStagesResult(null, acquired.FailureStage, null, acquired.FailureMessage, acquired.FailureMessage, null, null);
        }

        try
        {
            DatabaseCheckFailure? failure;
            await using (var checks = await DatabaseChecks.RunAsync(configuration, cancellationToken))
            {
                failure = checks.Failure;
            }

            if (failure is null)
            {
                var cleanup = log.RecordSuccess();
                return cleanup.PublicMessage is { } cleanupMessage
                    ? new ValidateStagesResult(log, DiagnosticLog.DetailLogStage, null, cleanupMessage, cleanupMessage, null, null)
                    : new ValidateStagesResult(log, null, null, null, null, null, null);
            }

            var record = DiagnosticLog.BuildRecord(time.GetUtcNow(), failure.Capability ?? "", failure.Stage, failure.Message, failure.Detail);
            var committed = log.RecordFailure(record);
            if (committed.PublicMessage is { } notRecorded)
            {
                return new ValidateStagesResult(log, DiagnosticLog.DetailLogStage, null, notRecorded, notRecorded, null, null);
            }

            return new ValidateStagesResult(log, failure.Stage, failure.Capability, failure.Message, failure.TextMessage, committed.LogPath, committed.CleanupPath);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }
}
