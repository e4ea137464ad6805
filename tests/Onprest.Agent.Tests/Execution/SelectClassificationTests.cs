using System.Net.Sockets;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Execution;

/// <summary>docs/agent-databases.md for SELECT, including the 500 ms probe of step 4.</summary>
public sealed class SelectClassificationTests
{
    private static async Task<(PublicError Error, List<string> Calls)> RunAsync(RecordingEngine engine)
    {
        var outcome = await new CapabilityExecutor(engine, null).ExecuteAsync(Select("SELECT 1", [Column("x")]), [], "r", TestContext.Current.CancellationToken);
        return (Assert.IsType<ExecutionOutcome.Failure>(outcome).Error, engine.Calls);
    }

    [Fact]
    public async Task Failure_with_a_healthy_database_is_query_failed_after_the_probe()
    {
        var (error, calls) = await RunAsync(new RecordingEngine { ReaderError = new RecordingEngine.ScriptedDbException(DbErrorKind.Other, "syntax error") });
        Assert.Equal(PublicErrors.QueryFailed, error);
        Assert.Equal(["probe"], calls);
    }

    [Fact]
    public async Task Failure_when_no_new_connection_can_be_opened_is_unreachable()
    {
        var engine = new RecordingEngine
        {
            ReaderError = new RecordingEngine.ScriptedDbException(DbErrorKind.Other, "odd protocol state"),
            ProbeError = new SocketException((int)SocketError.ConnectionRefused),
        };
        var (error, _) = await RunAsync(engine);
        Assert.Equal(PublicErrors.DbUnreachable, error);
    }

    [Fact]
    public async Task Constraint_and_unreachable_are_decided_without_a_probe()
    {
        var (constraint, calls) = await RunAsync(new RecordingEngine { ReaderError = new RecordingEngine.ScriptedDbException(DbErrorKind.Constraint, "x") });
        Assert.Equal(PublicErrors.ConstraintViolation, constraint);
        Assert.Empty(calls);
        var (unreachable, calls2) = await RunAsync(new RecordingEngine { ReaderError = new RecordingEngine.ScriptedDbException(DbErrorKind.Unreachable, "x") });
        Assert.Equal(PublicErrors.DbUnreachable, unreachable);
        Assert.Empty(calls2);
    }

    [Fact]
    public async Task Timeout_is_decided_before_everything_else()
    {
        using var cancel = new CancellationTokenSource();
        var engine = new RecordingEngine { ReaderError = new RecordingEngine.ScriptedDbException(DbErrorKind.Constraint, "x") };
        var executor = new CapabilityExecutor(engine, null);
        await cancel.CancelAsync();
        var outcome = await executor.ExecuteAsync(Select("SELECT 1", [Column("x")]), [], "r", cancel.Token);
        Assert.Equal(PublicErrors.QueryTimeout, Assert.IsType<ExecutionOutcome.Failure>(outcome).Error);
    }
}
