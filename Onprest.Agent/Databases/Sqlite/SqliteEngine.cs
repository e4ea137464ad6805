using System.Data.Common;
using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases.Sqlite;

/// <summary>
/// An SQLite file in-process through Microsoft.Data.Sqlite (docs/capability-yaml.md, docs/agent-databases.md):
/// opened read-write or read-only and never created, foreign keys on for every connection, busy waiting bounded by
/// the deadline, a running statement interrupted when the deadline passes or the call is cancelled; the journal mode
/// is left as the file has it. <c>readonly: true</c> capabilities run on connections opened read-only
/// (<c>SQLITE_OPEN_READONLY</c>, a pool of their own): any write is refused with <c>SQLITE_READONLY</c>.
/// </summary>
public sealed class SqliteEngine : DatabaseEngine
{
    private readonly string _connectionString;
    private readonly string _readOnly;
    private readonly string _unpooled;

    private SqliteEngine(string connectionString, string readOnly, string unpooled)
    {
        _connectionString = connectionString;
        _readOnly = readOnly;
        _unpooled = unpooled;
    }

    public override DatabaseDriver Driver => DatabaseDriver.Sqlite;

    public static SqliteEngine Create(DatabaseSettings settings)
    {
        var path = settings.Path;
        if (Directory.Exists(path))
        {
            throw new DatabaseOpenException($"sqlite database {path} is a directory");
        }

        if (!File.Exists(path))
        {
            throw new DatabaseOpenException($"sqlite database {path} does not exist");
        }

        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        if (target is null || !target.Exists)
        {
            throw new DatabaseOpenException($"sqlite database {path} is not a regular file");
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, settings.ReadOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            if (!probe.CanSeek)
            {
                throw new DatabaseOpenException($"sqlite database {path} is not a regular file");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseOpenException($"sqlite database {path} cannot be opened: {ex.Message}", ex);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Never ReadWriteCreate: a missing file is an error, not a new empty database.
            Mode = settings.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            ForeignKeys = true,
            Pooling = true,
            // Internal statements (BEGIN, COMMIT, ROLLBACK, PRAGMA on open) wait for locks at most this long.
            DefaultTimeout = 5,
            Cache = SqliteCacheMode.Private,
        };
        var unpooled = new SqliteConnectionStringBuilder(builder.ConnectionString) { Pooling = false };
        var readOnly = new SqliteConnectionStringBuilder(builder.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        return new SqliteEngine(builder.ConnectionString, readOnly.ConnectionString, unpooled.ConnectionString);
    }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    /// <summary>The handle itself is read-only: no statement or pragma of a call can make it writable.</summary>
    public override Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken) => OpenAsync(_readOnly, cancellationToken);

    private static async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>docs/agent-databases.md step 4 for SQLite: open a connection and read the schema version.</summary>
    public override async Task PingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA schema_version";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_unpooled);
        await connection.OpenAsync(cancellationToken);
        await PingAsync(connection, cancellationToken);
    }

    public override DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining)
    {
        var command = new SqliteCommand(sql, (SqliteConnection)connection)
        {
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until CommandTimeout: bound it by what is left of the deadline.
            CommandTimeout = DriverTimeoutSeconds(remaining),
        };
        for (var index = 0; index < values.Count; index++)
        {
            var value = values[index] switch
            {
                null => DBNull.Value,
                bool flag => flag ? 1L : 0L,
                var other => other,
            };
            command.Parameters.AddWithValue($"@p{index + 1}", value);
        }

        return command;
    }

    /// <summary>
    /// A deferred BEGIN takes no lock, so waiting for locks happens in the statement, bounded by the deadline; the
    /// driver's own default (IMMEDIATE) would wait for the write lock with the fixed default timeout instead.
    /// </summary>
    public override Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
    }

    /// <summary>The statement runs synchronously inside the driver; <c>sqlite3_interrupt</c> is the only way to stop it.</summary>
    public override IDisposable GuardExecution(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        return cancellationToken.Register(static state =>
        {
            var handle = ((SqliteConnection)state!).Handle;
            if (handle is not null && !handle.IsInvalid)
            {
                SQLitePCL.raw.sqlite3_interrupt(handle);
            }
        }, sqlite);
    }

    public override SourceValue Read(DbDataReader reader, int ordinal) => SqliteValueReader.Read((SqliteDataReader)reader, ordinal);

    public override DbErrorInfo Classify(Exception exception) => SqliteErrorClassifier.Classify(exception);

    protected override string ExplainPrefix => "EXPLAIN QUERY PLAN ";

    public override void Destroy(DbConnection connection)
    {
        SqliteConnection.ClearPool((SqliteConnection)connection);
        connection.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        using var readOnly = new SqliteConnection(_readOnly);
        SqliteConnection.ClearPool(readOnly);
        return ValueTask.CompletedTask;
    }
}
