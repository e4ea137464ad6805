using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Doctor;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;

namespace Onprest.Agent.Cli;

/// <summary>
/// <c>onprest-agent doctor</c> (docs/cli.md): the validate preparation with its own lock and latest-only diagnostic
/// log, then the network path and the key. Exit 0 when every check passed, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static readonly TimeSpan StageLimit = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    private static readonly string[] DatabaseStages = [DatabaseCheckStage.DatabaseOpen, DatabaseCheckStage.DatabasePing, DatabaseCheckStage.CapabilityExplain];

    /// <param name="loadConfiguration">Loads and lints capability.yaml; null when that fails (stage <c>config</c>).</param>
    /// <param name="logFolder">Where the doctor lock and log live (the executable's folder in production).</param>
    public static Task<int> RunAsync(Func<AgentConfiguration?> loadConfiguration, bool json, TextWriter stdout, TextWriter stderr, string? logFolder = null, CancellationToken cancellationToken = default) =>
        RunAsync(loadConfiguration, null, json, stdout, stderr, logFolder, cancellationToken);

    /// <param name="load">Loads and lints capability.yaml; a failure is reported with the same text <c>validate</c> prints.</param>
    public static Task<int> RunLoadingAsync(Func<ConfigurationResult> load, bool json, TextWriter stdout, TextWriter stderr, string? logFolder = null, CancellationToken cancellationToken = default)
    {
        ConfigurationError? error = null;
        return RunAsync(
            () =>
            {
                var loaded = load();
                error = loaded.Error;
                return loaded.Configuration;
            },
            () => error,
            json,
            stdout,
            stderr,
            logFolder,
            cancellationToken);
    }

    private static async Task<int> RunAsync(Func<AgentConfiguration?> loadConfiguration, Func<ConfigurationError?>? loadError, bool json, TextWriter stdout, TextWriter stderr, string? logFolder, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var configuration = loadConfiguration();
        if (configuration is null)
        {
            checks.Add(DoctorCheck.Fail("config", "CONFIG_INVALID", loadError?.Invoke()?.Explanation ?? ConfigurationError.InvalidConfigurationMessage));
            SkipRemaining(checks, [.. DatabaseStages, .. GatewayChecks.Stages]);
            return await WriteAsync(checks, json, stdout, stderr).ConfigureAwait(false);
        }

        checks.Add(DoctorCheck.Pass("config", "configuration is valid"));
        var acquired = DiagnosticLog.Acquire(logFolder ?? LogPaths.DataDirectory(configuration.DataDirectory), LogPaths.BaseName(), DiagnosticKind.Doctor);
        if (acquired.Log is null)
        {
            var code = acquired.FailureStage == DiagnosticLog.BusyStage ? "BUSY" : "DOCTOR_LOG_FAILED";
            checks.Add(DoctorCheck.Fail(acquired.FailureStage!, code, acquired.FailureMessage!));
            SkipRemaining(checks, [.. DatabaseStages, .. GatewayChecks.Stages]);
            return await WriteAsync(checks, json, stdout, stderr).ConfigureAwait(false);
        }

        // The lock is held until the output is completely written (docs/configuration.md step 1).
        using var log = acquired.Log;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        run.CancelAfter(RunLimit);
        var failure = await RunStagesAsync(configuration, checks, run.Token).ConfigureAwait(false);

        if (failure is not null)
        {
            CommitFailure(log, configuration, checks, failure);
        }
        else
        {
            var outcome = log.RecordSuccess();
            if (outcome.PublicMessage is not null)
            {
                checks.Add(DoctorCheck.Fail(DiagnosticLog.DetailLogStage, "DOCTOR_LOG_FAILED", outcome.PublicMessage));
            }
        }

        return await WriteAsync(checks, json, stdout, stderr).ConfigureAwait(false);
    }

    private static async Task<DoctorFailure?> RunStagesAsync(AgentConfiguration configuration, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        try
        {
            await using (var database = await DatabaseChecks.RunAsync(configuration, cancellationToken).ConfigureAwait(false))
            {
                if (database.Failure is { } failed)
                {
                    return DatabaseFailure(checks, failed);
                }
            }

            checks.Add(DoctorCheck.Pass(DatabaseCheckStage.DatabaseOpen, "database opened"));
            checks.Add(DoctorCheck.Pass(DatabaseCheckStage.DatabasePing, "database is reachable"));
            checks.Add(DoctorCheck.Pass(DatabaseCheckStage.CapabilityExplain, "capability EXPLAIN checks passed"));

            var (gateway, failure) = await new GatewayChecks(StageLimit, TimeProvider.System)
                .RunAsync(configuration.GatewayUrl, configuration.AgentPrivateKeySeed, cancellationToken).ConfigureAwait(false);
            checks.AddRange(gateway);
            return failure;
        }
        catch (OperationCanceledException)
        {
            var done = checks.Select(c => c.Stage).ToHashSet();
            var stage = DatabaseStages.Concat(GatewayChecks.Stages).First(s => !done.Contains(s));
            var check = DoctorCheck.Fail(stage, "TIMEOUT", "doctor timed out or was canceled");
            checks.Add(check);
            SkipRemaining(checks, DatabaseStages.Concat(GatewayChecks.Stages).SkipWhile(s => s != stage).Skip(1).ToArray());
            return new DoctorFailure(check, null, "the doctor run exceeded 60s or was canceled");
        }
    }

    private static DoctorFailure DatabaseFailure(List<DoctorCheck> checks, DatabaseCheckFailure failed)
    {
        string[] passedBefore = failed.Stage switch
        {
            DatabaseCheckStage.DatabasePing => [DatabaseCheckStage.DatabaseOpen],
            DatabaseCheckStage.CapabilityExplain => [DatabaseCheckStage.DatabaseOpen, DatabaseCheckStage.DatabasePing],
            _ => [],
        };
        foreach (var stage in passedBefore)
        {
            checks.Add(DoctorCheck.Pass(stage, stage == DatabaseCheckStage.DatabaseOpen ? "database opened" : "database is reachable"));
        }

        var (stageName, code, message) = failed.Stage switch
        {
            DatabaseCheckStage.DatabaseOpen => (failed.Stage, "DATABASE_OPEN_FAILED", failed.Message),
            DatabaseCheckStage.DatabasePing => (failed.Stage, "DATABASE_PING_FAILED", "database is unreachable"),
            DatabaseCheckStage.CapabilityExplain => (failed.Stage, "CAPABILITY_EXPLAIN_FAILED", "capability EXPLAIN validation failed"),
            DatabaseCheckStage.Canceled => (DatabaseCheckStage.DatabaseOpen, "TIMEOUT", "doctor timed out or was canceled"),
            _ => ("internal", "DOCTOR_INTERNAL", "doctor could not complete"),
        };

        var check = DoctorCheck.Fail(stageName, code, message);
        checks.Add(check);
        var remaining = DatabaseStages.Concat(GatewayChecks.Stages).Where(s => s != stageName && !passedBefore.Contains(s)).ToArray();
        var reason = code == "DOCTOR_INTERNAL" ? "not run because doctor did not complete" : "not run because a dependent stage failed";
        foreach (var stage in remaining)
        {
            checks.Add(DoctorCheck.Skip(stage, reason));
        }

        return new DoctorFailure(check, failed.Capability, failed.Detail);
    }

    /// <summary>Commits the failure record and applies the message suffixes of docs/cli.md.</summary>
    private static void CommitFailure(DiagnosticLog log, AgentConfiguration configuration, List<DoctorCheck> checks, DoctorFailure failure)
    {
        var detail = Redactor.For(configuration).Apply(failure.Detail);
        var record = DiagnosticLog.BuildRecord(DateTimeOffset.UtcNow, failure.Capability ?? "", failure.Check.Stage, failure.Check.Message, detail);
        var outcome = log.RecordFailure(record);
        var index = checks.IndexOf(failure.Check);
        var updated = failure.Check;
        if (outcome.Committed)
        {
            updated = updated with { Message = updated.Message + "; see doctor detail log" };
        }
        else if (outcome.PublicMessage is not null)
        {
            updated = updated with { Code = "DOCTOR_LOG_FAILED", Message = outcome.PublicMessage };
        }

        if (outcome.CleanupPath is not null)
        {
            updated = updated with { Message = updated.Message + "; doctor diagnostic cleanup is incomplete" };
        }

        checks[index] = updated;
    }

    private static void SkipRemaining(List<DoctorCheck> checks, IEnumerable<string> stages)
    {
        foreach (var stage in stages)
        {
            checks.Add(DoctorCheck.Skip(stage));
        }
    }

    private static async Task<int> WriteAsync(List<DoctorCheck> checks, bool json, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            await stdout.WriteAsync(json ? DoctorReport.Json(checks) : DoctorReport.Text(checks)).ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await stderr.WriteAsync("doctor: output failed\n").ConfigureAwait(false);
            return 1;
        }

        return DoctorReport.IsOk(checks) ? 0 : 1;
    }
}
