using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;

namespace Onprest.Agent.Tests.Execution;

/// <summary>An engine whose driver calls are recorded and scripted, to check the DML step table (docs/agent-databases.md).</summary>
internal sealed class RecordingEngine : DatabaseEngine
{
    public List<string> Calls { get; } = [];

    public Exception? OpenError { get; init; }

    public Func<CancellationToken, Task>? BeginBehaviour { get; init; }

    public Func<CancellationToken, Task<long>>? ExecBehaviour { get; init; }

    public Exception? RollbackError { get; init; }

    public Exception? CommitError { get; init; }

    public Exception? ReaderError { get; init; }

    public Exception? ProbeError { get; init; }

    public override DatabaseDriver Driver => DatabaseDriver.Postgres;

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return OpenError is null ? Task.FromResult<DbConnection>(new RecordingConnection(this)) : Task.FromException<DbConnection>(OpenError);
    }

    public override Task ProbeAsync(CancellationToken cancellationToken)
    {
        Calls.Add("probe");
        return ProbeError is null ? Task.CompletedTask : Task.FromException(ProbeError);
    }

    public override async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        Calls.Add("begin");
        if (BeginBehaviour is not null)
        {
            await BeginBehaviour(cancellationToken);
        }

        return new RecordingTransaction(this, connection);
    }

    public override DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining) =>
        new RecordingCommand { CommandText = sql };

    public override Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken) =>
        Task.FromException<DbDataReader>(ReaderError ?? new InvalidOperationException("the recording engine only scripts failing SELECTs"));

    public override async Task<long> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken)
    {
        Calls.Add("exec");
        var affected = ExecBehaviour is null ? 1 : await ExecBehaviour(cancellationToken);
        Calls.Add("rows");
        return affected;
    }

    public override SourceValue Read(DbDataReader reader, int ordinal) => SourceValue.Null;

    public override DbErrorInfo Classify(Exception exception) => exception switch
    {
        ScriptedDbException scripted => new DbErrorInfo(scripted.Kind, "scripted", scripted.Message),
        _ => new DbErrorInfo(TransportFailures.IsTransport(exception) ? DbErrorKind.Unreachable : DbErrorKind.Other, "client", exception.Message),
    };

    public override void Destroy(DbConnection connection)
    {
        Calls.Add("destroy");
        connection.Dispose();
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal sealed class ScriptedDbException(DbErrorKind kind, string message) : DbException(message)
    {
        public DbErrorKind Kind { get; } = kind;
    }

    private sealed class RecordingConnection(RecordingEngine engine) : DbConnection
    {
        private ConnectionState _state = ConnectionState.Open;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string ConnectionString { get; set; } = "";

        public override string Database => "recording";

        public override string DataSource => "recording";

        public override string ServerVersion => "1";

        public override ConnectionState State => _state;

        public RecordingEngine Engine => engine;

        public override void ChangeDatabase(string databaseName) => throw new InvalidOperationException("not used by the executor");

        public override void Close() => _state = ConnectionState.Closed;

        public override void Open() => _state = ConnectionState.Open;

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new RecordingTransaction(engine, this);

        protected override DbCommand CreateDbCommand() => new RecordingCommand();
    }

    private sealed class RecordingTransaction(RecordingEngine engine, DbConnection connection) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => IsolationLevel.ReadCommitted;

        protected override DbConnection DbConnection => connection;

        public override void Commit() => CommitAsync().GetAwaiter().GetResult();

        public override void Rollback() => RollbackAsync().GetAwaiter().GetResult();

        public override Task CommitAsync(CancellationToken cancellationToken = default)
        {
            engine.Calls.Add("commit");
            return engine.CommitError is null ? Task.CompletedTask : Task.FromException(engine.CommitError);
        }

        public override Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            engine.Calls.Add("rollback");
            return engine.RollbackError is null ? Task.CompletedTask : Task.FromException(engine.RollbackError);
        }
    }

    private sealed class RecordingCommand : DbCommand
    {
        private readonly DbParameterCollection _parameters = new SqliteCommand().Parameters;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery() => throw new InvalidOperationException("the engine executes, not the command");

        public override object? ExecuteScalar() => throw new InvalidOperationException("the engine executes, not the command");

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new InvalidOperationException("the engine executes, not the command");
    }
}
