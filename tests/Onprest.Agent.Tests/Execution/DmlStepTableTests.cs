using System.Net.Sockets;
using System.Text;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Execution;

/// <summary>docs/agent-databases.md: the DML step table and its expected driver call sequences.</summary>
public sealed class DmlStepTableTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Capability Update(long? maxAffected = null, long maxBytes = 1024 * 1024, TimeSpan? timeout = null) =>
        Dml("UPDATE t SET v = 1", policy: new EffectivePolicy { Readonly = false, MaxAffectedRows = maxAffected, MaxBytes = maxBytes, Timeout = timeout ?? TimeSpan.FromSeconds(5) });

    private async Task<ExecutionOutcome> RunAsync(RecordingEngine engine, Capability capability, CancellationToken? token = null)
    {
        using var log = AgentDetailLog.Open(_folder.File("onprest-agent.log"), 1024 * 1024, 1);
        return await new CapabilityExecutor(engine, log).ExecuteAsync(capability, [], "req-7", token ?? TestContext.Current.CancellationToken);
    }

    private static void AssertError(ExecutionOutcome outcome, PublicError expected) =>
        Assert.Equal(expected, Assert.IsType<ExecutionOutcome.Failure>(outcome).Error);

    [Fact]
    public async Task Success_is_begin_exec_rows_commit()
    {
        var engine = new RecordingEngine { ExecBehaviour = _ => Task.FromResult(3L) };
        var outcome = await RunAsync(engine, Update());
        Assert.Equal("{\"count\":3}", Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(outcome).ResultJson.Span));
        Assert.Equal(["begin", "exec", "rows", "commit"], engine.Calls);
    }

    [Fact]
    public async Task Over_max_affected_rows_is_begin_exec_rows_rollback()
    {
        var engine = new RecordingEngine { ExecBehaviour = _ => Task.FromResult(3L) };
        AssertError(await RunAsync(engine, Update(maxAffected: 2)), PublicErrors.AffectedRowsExceeded);
        Assert.Equal(["begin", "exec", "rows", "rollback"], engine.Calls);
    }

    [Theory]
    [InlineData(DbErrorKind.Other, "AGENT_QUERY_FAILED")]
    [InlineData(DbErrorKind.Constraint, "AGENT_CONSTRAINT_VIOLATION")]
    [InlineData(DbErrorKind.Unreachable, "AGENT_DB_UNREACHABLE")]
    public async Task Statement_error_is_begin_exec_rollback(DbErrorKind kind, string code)
    {
        var engine = new RecordingEngine { ExecBehaviour = _ => throw new RecordingEngine.ScriptedDbException(kind, "scripted failure") };
        var outcome = await RunAsync(engine, Update());
        Assert.Equal(code, Assert.IsType<ExecutionOutcome.Failure>(outcome).Error.Code);
        Assert.Equal(["begin", "exec", "rollback"], engine.Calls);
    }

    [Fact]
    public async Task Cancelled_before_a_connection_makes_no_driver_call()
    {
        var engine = new RecordingEngine();
        AssertError(await RunAsync(engine, Update(), new CancellationToken(true)), PublicErrors.QueryTimeout);
        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task Deadline_during_the_statement_rolls_back_as_timeout()
    {
        var engine = new RecordingEngine { ExecBehaviour = async token => { await Task.Delay(Timeout.Infinite, token); return 1; } };
        AssertError(await RunAsync(engine, Update(timeout: TimeSpan.FromMilliseconds(100))), PublicErrors.QueryTimeout);
        Assert.Equal(["begin", "exec", "rollback"], engine.Calls);
    }

    [Fact]
    public async Task Unconfirmed_rollback_is_an_unknown_outcome_and_destroys_the_connection()
    {
        var engine = new RecordingEngine
        {
            ExecBehaviour = _ => Task.FromResult(5L),
            RollbackError = new RecordingEngine.ScriptedDbException(DbErrorKind.Other, "no transaction in progress"),
        };
        AssertError(await RunAsync(engine, Update(maxAffected: 1)), PublicErrors.TransactionOutcomeUnknown);
        Assert.Equal(["begin", "exec", "rows", "rollback", "destroy"], engine.Calls);
    }

    [Fact]
    public async Task Commit_failure_is_an_unknown_outcome_and_destroys_the_connection()
    {
        var engine = new RecordingEngine { CommitError = new RecordingEngine.ScriptedDbException(DbErrorKind.Unreachable, "connection reset") };
        AssertError(await RunAsync(engine, Update()), PublicErrors.TransactionOutcomeUnknown);
        Assert.Equal(["begin", "exec", "rows", "commit", "destroy"], engine.Calls);
    }

    [Fact]
    public async Task Negative_count_is_rolled_back_as_query_failed()
    {
        var engine = new RecordingEngine { ExecBehaviour = _ => Task.FromResult(-1L) };
        AssertError(await RunAsync(engine, Update()), PublicErrors.QueryFailed);
        Assert.Equal(["begin", "exec", "rows", "rollback"], engine.Calls);
    }

    [Fact]
    public async Task Count_over_max_bytes_is_rolled_back()
    {
        var engine = new RecordingEngine { ExecBehaviour = _ => Task.FromResult(12345L) };
        AssertError(await RunAsync(engine, Update(maxBytes: 14)), PublicErrors.MaxBytesExceeded);
        Assert.Equal(["begin", "exec", "rows", "rollback"], engine.Calls);
        var exact = new RecordingEngine { ExecBehaviour = _ => Task.FromResult(12345L) };
        Assert.IsType<ExecutionOutcome.Success>(await RunAsync(exact, Update(maxBytes: 15)));
    }

    [Fact]
    public async Task Affected_rows_exceeded_wins_over_a_simultaneous_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var engine = new RecordingEngine { ExecBehaviour = async _ => { await cancel.CancelAsync(); return 9L; } };
        AssertError(await RunAsync(engine, Update(maxAffected: 2), cancel.Token), PublicErrors.AffectedRowsExceeded);
        Assert.Equal(["begin", "exec", "rows", "rollback"], engine.Calls);
    }

    [Fact]
    public async Task Cancellation_after_the_statement_rolls_back_instead_of_committing()
    {
        using var cancel = new CancellationTokenSource();
        var engine = new RecordingEngine { ExecBehaviour = async _ => { await cancel.CancelAsync(); return 1L; } };
        AssertError(await RunAsync(engine, Update(), cancel.Token), PublicErrors.QueryTimeout);
        Assert.Equal(["begin", "exec", "rows", "rollback"], engine.Calls);
    }

    [Fact]
    public async Task Begin_cancelled_in_flight_is_unknown_and_destroys_the_connection()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var engine = new RecordingEngine { BeginBehaviour = token => Task.Delay(Timeout.Infinite, token) };
        AssertError(await RunAsync(engine, Update(), cancel.Token), PublicErrors.TransactionOutcomeUnknown);
        Assert.Equal(["begin", "destroy"], engine.Calls);
    }

    [Fact]
    public async Task Begin_failing_in_the_database_is_classified()
    {
        var engine = new RecordingEngine { BeginBehaviour = _ => throw new RecordingEngine.ScriptedDbException(DbErrorKind.Unreachable, "terminating connection") };
        AssertError(await RunAsync(engine, Update()), PublicErrors.DbUnreachable);
        Assert.Equal(["begin"], engine.Calls);
    }

    [Fact]
    public async Task Lost_session_during_the_statement_stays_unreachable()
    {
        var engine = new RecordingEngine
        {
            ExecBehaviour = _ => throw new IOException("connection reset by peer", new SocketException((int)SocketError.ConnectionReset)),
            RollbackError = new IOException("broken pipe"),
        };
        AssertError(await RunAsync(engine, Update()), PublicErrors.DbUnreachable);
        Assert.Equal(["begin", "exec", "rollback", "destroy"], engine.Calls);
    }

    [Theory]
    [InlineData(true, "AGENT_DB_UNREACHABLE")]
    [InlineData(false, "AGENT_QUERY_FAILED")]
    public async Task Connection_failure_makes_no_driver_call(bool transport, string code)
    {
        Exception error = transport ? new SocketException((int)SocketError.ConnectionRefused) : new RecordingEngine.ScriptedDbException(DbErrorKind.Constraint, "odd");
        var engine = new RecordingEngine { OpenError = error };
        Assert.Equal(code, Assert.IsType<ExecutionOutcome.Failure>(await RunAsync(engine, Update())).Error.Code);
        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task Every_failure_is_logged_with_request_id_and_detail()
    {
        var engine = new RecordingEngine { ExecBehaviour = _ => throw new RecordingEngine.ScriptedDbException(DbErrorKind.Constraint, "duplicate key value violates unique constraint") };
        await RunAsync(engine, Update());
        var record = DetailLogReader.Records(_folder.File("onprest-agent.log")).Single();
        Assert.Equal("req-7", record.GetProperty("request_id").GetString());
        Assert.Equal("AGENT_CONSTRAINT_VIOLATION", record.GetProperty("error_code").GetString());
        Assert.Equal("cap", record.GetProperty("capability").GetString());
        Assert.Contains("duplicate key value", record.GetProperty("detail").GetString());
    }
}
