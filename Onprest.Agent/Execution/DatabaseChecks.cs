using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Logging;

namespace Onprest.Agent.Execution;

/// <summary>
/// Start-up steps 3–5 (docs/agent-databases.md) and the matching <c>validate</c> stages (docs/cli.md): open the database,
/// ping it within 10 s, EXPLAIN every capability in ascending name order within its own timeout. Never throws for
/// database problems; every detail in a failure is redacted.
/// </summary>
public static class DatabaseChecks
{
    public static readonly TimeSpan PingLimit = TimeSpan.FromSeconds(10);

    public static async Task<DatabaseCheckResult> RunAsync(AgentConfiguration configuration, CancellationToken cancellationToken)
    {
        IDatabaseEngine? engine = null;
        var stage = DatabaseCheckStage.DatabaseOpen;
        string? capabilityName = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            engine = DatabaseEngineFactory.Create(configuration.Database, configuration.MaxConcurrentRequests);

            stage = DatabaseCheckStage.DatabasePing;
            using (var ping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                ping.CancelAfter(PingLimit);
                await using (var connection = await engine.OpenAsync(ping.Token))
                {
                    await engine.PingAsync(connection, ping.Token);
                }

                // The readonly pool's sessions are set up differently (docs/database-types.md): prove they open too.
                await using var readOnly = await engine.OpenReadOnlyAsync(ping.Token);
                await engine.PingAsync(readOnly, ping.Token);
            }

            stage = DatabaseCheckStage.CapabilityExplain;
            foreach (var capability in configuration.Capabilities.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                capabilityName = capability.Name;
                var values = ExplainPlaceholders.ValuesFor(capability, out var missing);
                if (missing is not null)
                {
                    return await FailAsync(engine, configuration, stage, capabilityName, $"missing sql param: {missing}");
                }

                using var explain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                explain.CancelAfter(capability.Policy.Timeout);
                try
                {
                    await engine.ExplainAsync(capability.Prepared.Text, values, explain.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return await FailAsync(engine, configuration, stage, capabilityName, $"EXPLAIN exceeded policy.timeout {capability.Policy.Timeout}");
                }
            }

            return new DatabaseCheckResult(engine, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(engine, configuration, DatabaseCheckStage.Canceled, null, "interrupted");
        }
        catch (OperationCanceledException) when (stage == DatabaseCheckStage.DatabasePing)
        {
            return await FailAsync(engine, configuration, stage, null, $"ping did not complete within {PingLimit.TotalSeconds:0} s");
        }
        catch (DatabaseOpenException ex)
        {
            return await FailAsync(engine, configuration, DatabaseCheckStage.DatabaseOpen, null, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var detail = engine is null ? TransportFailures.Describe(ex) : Describe(engine, ex);
            var failedStage = stage == DatabaseCheckStage.CapabilityExplain || stage == DatabaseCheckStage.DatabasePing || stage == DatabaseCheckStage.DatabaseOpen
                ? stage
                : DatabaseCheckStage.Internal;
            return await FailAsync(engine, configuration, failedStage, failedStage == DatabaseCheckStage.CapabilityExplain ? capabilityName : null, detail);
        }
    }

    private static string Describe(IDatabaseEngine engine, Exception exception)
    {
        var info = engine.Classify(exception);
        return $"{info.Code}: {info.Detail}";
    }

    private static async Task<DatabaseCheckResult> FailAsync(IDatabaseEngine? engine, AgentConfiguration configuration, string stage, string? capability, string detail)
    {
        var redactor = Redactor.For(configuration, engine?.RedactionTexts);
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        var prefix = capability is null ? "" : $"capability {capability}: ";
        return new DatabaseCheckResult(null, new DatabaseCheckFailure(stage, capability, PublicMessage(configuration, stage), redactor.Apply(prefix + detail)));
    }

    // A SQLite file that is not there is the most common first-run mistake; its path comes from the operator's own
    // capability.yaml and these lines stay on the agent's host, so it is named where the operator looks.
    private static string PublicMessage(AgentConfiguration configuration, string stage)
    {
        var message = DatabaseCheckStage.MessageFor(stage);
        return stage == DatabaseCheckStage.DatabaseOpen
            && configuration.Database.Driver == DatabaseDriver.Sqlite
            && configuration.Database.Path.Length > 0
            && !File.Exists(configuration.Database.Path)
            && !Directory.Exists(configuration.Database.Path)
                ? $"{message}; sqlite file {configuration.Database.Path} does not exist (database.path is relative to the folder of capability.yaml)"
                : message;
    }
}
