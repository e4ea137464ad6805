using System.Data.Common;
using System.Globalization;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Logging;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>
/// The real <see cref="ICapabilityExecutor"/> (docs/agent-databases.md): SELECT with row, column, coercion and byte limits;
/// DML in one transaction following the step table with confirmed rollbacks; the execution deadline and
/// cancellation of the handbook; error classification in the order of the handbook. Every failure is written to the detail log with
/// its private detail and the request id before it is returned.
/// </summary>
public sealed class CapabilityExecutor : ICapabilityExecutor
{
    /// <summary>docs/agent-databases.md step 4.</summary>
    public static readonly TimeSpan ProbeLimit = TimeSpan.FromMilliseconds(500);

    /// <summary>Rollback and commit are not tied to the deadline ( step 2) but must not hang forever either.</summary>
    public static readonly TimeSpan TransactionEndLimit = TimeSpan.FromSeconds(10);

    private readonly IDatabaseEngine _engine;
    private readonly AgentDetailLog? _log;
    private readonly TimeProvider _time;

    public CapabilityExecutor(IDatabaseEngine engine, AgentDetailLog? log, TimeProvider? time = null)
    {
        _engine = engine;
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Npgsql, MySqlConnector and SqlClient wait for the server asynchronously; Microsoft.Data.Sqlite runs the statement inline.</summary>
    public bool YieldsWhileWaiting => _engine.Driver is not DatabaseDriver.Sqlite;

    public async Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(capability.Policy.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var call = new Call(capability, boundValues, linked.Token, _time.GetTimestamp(), capability.Policy.Timeout);
        CallResult result;
        try
        {
            result = capability.IsMutation ? await RunDmlAsync(call) : await RunSelectAsync(call);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A defect, not a database outcome: callers still get a stable public error.
            result = new CallFailure(PublicErrors.AgentInternal, $"unexpected executor failure: {TransportFailures.Describe(ex)}");
        }

        return result.Failure is { } failure ? Fail(call, failure, requestId) : new ExecutionOutcome.Success(result.Json!);
    }

    private ExecutionOutcome.Failure Fail(Call call, CallFailure failure, string requestId)
    {
        _log?.WriteError(requestId, call.Capability.Name, failure.Error, failure.Detail);
        return new ExecutionOutcome.Failure(failure.Error);
    }

    private async Task<CallResult> RunSelectAsync(Call call)
    {
        if (call.Token.IsCancellationRequested)
        {
            return new CallFailure(PublicErrors.QueryTimeout, "deadline passed or call cancelled before a connection was obtained");
        }

        DbConnection? connection = null;
        try
        {
            // readonly capabilities run where the database itself refuses writes (docs/database-types.md).
            connection = call.Capability.Policy.Readonly ? await _engine.OpenReadOnlyAsync(call.Token) : await _engine.OpenAsync(call.Token);
            await using var command = _engine.CreateCommand(connection, call.Capability.Prepared.Text, call.Values, call.Remaining(_time));
            using var guard = _engine.GuardExecution(connection, call.Token);
            var reader = await _engine.ExecuteReaderAsync(command, call.Token);
            var writer = new SelectResultWriter(_engine, call.Capability);
            (byte[]? Result, CallFailure? Failure) written;
            try
            {
                written = await writer.WriteAsync(reader, call.Token);
            }
            finally
            {
                await DiscardAsync(reader, command, writer.StoppedEarly, call.Token);
            }

            if (written.Failure is not null)
            {
                return written.Failure;
            }

            return written.Result!;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await ClassifyAsync(ex, call, probe: true);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>docs/agent-params.md: rows past <c>max_rows</c> are discarded without waiting for them.</summary>
    private static async Task DiscardAsync(DbDataReader reader, DbCommand command, bool stoppedEarly, CancellationToken cancellationToken)
    {
        try
        {
            if (stoppedEarly && !cancellationToken.IsCancellationRequested && await reader.ReadAsync(cancellationToken))
            {
                command.Cancel();
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // The statement is being abandoned; its own error no longer matters.
        }

        try
        {
            await reader.DisposeAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // A cancelled statement reports its cancellation when the reader is closed.
        }
    }

    private async Task<CallResult> RunDmlAsync(Call call)
    {
        if (call.Token.IsCancellationRequested)
        {
            return new CallFailure(PublicErrors.QueryTimeout, "deadline passed or call cancelled before a connection was obtained");
        }

        DbConnection connection;
        try
        {
            connection = await _engine.OpenAsync(call.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await ClassifyAsync(ex, call, probe: false, constraints: false);
        }

        var destroyed = false;
        try
        {
            var outcome = await RunTransactionAsync(call, connection);
            destroyed = outcome.Destroyed;
            return outcome;
        }
        finally
        {
            if (!destroyed)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<CallResult> RunTransactionAsync(Call call, DbConnection connection)
    {
        if (call.Token.IsCancellationRequested)
        {
            return new CallFailure(PublicErrors.QueryTimeout, "deadline passed or call cancelled before the transaction began");
        }

        DbTransaction transaction;
        try
        {
            transaction = await _engine.BeginTransactionAsync(connection, call.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (ex is OperationCanceledException && call.Token.IsCancellationRequested)
            {
                // step 2: a begin cancelled in flight may or may not have started a transaction on this session.
                _engine.Destroy(connection);
                return new CallResult(null, new CallFailure(PublicErrors.TransactionOutcomeUnknown, $"begin cancelled in flight: {TransportFailures.Describe(ex)}"), true);
            }

            var failure = await ClassifyAsync(ex, call, probe: false, constraints: false);
            return failure;
        }

        try
        {
            long affected;
            try
            {
                await using var command = _engine.CreateCommand(connection, call.Capability.Prepared.Text, call.Values, call.Remaining(_time));
                command.Transaction = transaction;
                using var guard = _engine.GuardExecution(connection, call.Token);
                affected = await _engine.ExecuteNonQueryAsync(command, call.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var failure = await ClassifyAsync(ex, call, probe: false);
                return await RollbackAsync(connection, transaction, failure);
            }

            if (affected < 0)
            {
                return await RollbackAsync(connection, transaction, new CallFailure(PublicErrors.QueryFailed, "the database reported no affected-row count"));
            }

            var max = call.Capability.Policy.MaxAffectedRows;
            if (max is { } limit && affected > limit)
            {
                // step 5 wins over a cancellation arriving at the same time.
                return await RollbackAsync(connection, transaction, new CallFailure(PublicErrors.AffectedRowsExceeded,
                    string.Create(CultureInfo.InvariantCulture, $"{affected} affected rows exceed policy.max_affected_rows {limit}")));
            }

            var result = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"count\":{affected}}}"));
            if (result.Length > call.Capability.Policy.MaxBytes)
            {
                return await RollbackAsync(connection, transaction, new CallFailure(PublicErrors.MaxBytesExceeded,
                    string.Create(CultureInfo.InvariantCulture, $"result of {result.Length} bytes exceeds policy.max_bytes {call.Capability.Policy.MaxBytes}")));
            }

            if (call.Token.IsCancellationRequested)
            {
                return await RollbackAsync(connection, transaction, new CallFailure(PublicErrors.QueryTimeout, "deadline passed or call cancelled before commit"));
            }

            try
            {
                using var limitCommit = new CancellationTokenSource(TransactionEndLimit, _time);
                await transaction.CommitAsync(limitCommit.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // step 8: the commit may have been applied before the failure; it is never retried.
                _engine.Destroy(connection);
                return new CallResult(null, new CallFailure(PublicErrors.TransactionOutcomeUnknown, $"commit failed: {Describe(ex)}"), true);
            }

            return result;
        }
        finally
        {
            await DisposeQuietlyAsync(transaction);
        }
    }

    private static async Task DisposeQuietlyAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // The connection was destroyed or broke; the outcome has already been decided.
        }
    }

    /// <summary> "confirmed rollback": only a rollback the database acknowledged keeps <paramref name="failure"/>.</summary>
    private async Task<CallResult> RollbackAsync(DbConnection connection, DbTransaction transaction, CallFailure failure)
    {
        try
        {
            using var limit = new CancellationTokenSource(TransactionEndLimit, _time);
            await transaction.RollbackAsync(limit.Token);
            return failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _engine.Destroy(connection);
            if (failure.Error == PublicErrors.DbUnreachable && _engine.Classify(ex).Kind == DbErrorKind.Unreachable)
            {
                // The session died before any COMMIT was sent, and a server never commits a transaction whose
                // session ended without one (docs/agent-databases.md): the change did not happen.
                return new CallResult(null, failure with { Detail = $"{failure.Detail}; rollback impossible, session lost: {Describe(ex)}" }, true);
            }

            return new CallResult(null, new CallFailure(PublicErrors.TransactionOutcomeUnknown, $"{failure.Error.Code} ({failure.Detail}); rollback not confirmed: {Describe(ex)}"), true);
        }
    }

    /// <summary>docs/agent-databases.md, in order: deadline/cancel, constraint, unreachable, SELECT probe, otherwise failed.</summary>
    private async Task<CallFailure> ClassifyAsync(Exception exception, Call call, bool probe, bool constraints = true)
    {
        if (call.Token.IsCancellationRequested)
        {
            return new CallFailure(PublicErrors.QueryTimeout, $"deadline passed or call cancelled: {Describe(exception)}");
        }

        var info = _engine.Classify(exception);
        var detail = $"{info.Code}: {info.Detail}";
        if (info.Kind == DbErrorKind.Constraint && constraints)
        {
            return new CallFailure(PublicErrors.ConstraintViolation, detail);
        }

        if (info.Kind == DbErrorKind.Unreachable)
        {
            return new CallFailure(PublicErrors.DbUnreachable, detail);
        }

        if (info.Kind == DbErrorKind.OutOfRange)
        {
            // The caller's value does not fit the type the database gave it: a stable 400, the value stays in the log.
            return new CallFailure(PublicErrors.ValueOutOfRange, detail);
        }

        if (info.Kind == DbErrorKind.ReadOnlyViolation)
        {
            // The database is answering; a readonly capability tried to write. No probe needed.
            return new CallFailure(PublicErrors.QueryFailed, $"readonly session refused a write: {detail}");
        }

        if (probe)
        {
            using var limit = new CancellationTokenSource(ProbeLimit, _time);
            try
            {
                await _engine.ProbeAsync(limit.Token);
            }
            catch (Exception probeError) when (probeError is not OutOfMemoryException)
            {
                return new CallFailure(PublicErrors.DbUnreachable, $"{detail}; probe within 500 ms failed: {Describe(probeError)}");
            }
        }

        return new CallFailure(PublicErrors.QueryFailed, detail);
    }

    private string Describe(Exception exception)
    {
        var info = _engine.Classify(exception);
        return $"{info.Code}: {info.Detail}";
    }

    private sealed record Call(Capability Capability, object?[] Values, CancellationToken Token, long Started, TimeSpan Timeout)
    {
        public TimeSpan Remaining(TimeProvider time)
        {
            var left = Timeout - time.GetElapsedTime(Started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>The result JSON or a failure not yet logged; <see cref="Destroyed"/> = the connection was discarded.</summary>
    private readonly record struct CallResult(byte[]? Json, CallFailure? Failure, bool Destroyed)
    {
        public static implicit operator CallResult(byte[] json) => new(json, null, false);

        public static implicit operator CallResult(CallFailure failure) => new(null, failure, false);
    }
}
