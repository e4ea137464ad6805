using System.Data.Common;
using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases.Sqlite;

/// <summary>
/// An SQLite file in-process through Microsoft.Data.Sqlite (capability-yaml.md §6.4, execution.md §9, decision D1):
/// opened read-write or read-only and never created, foreign keys on for every connection, busy waiting bounded by
/// the deadline, a running statement interrupted when the deadline passes or the call is cancelled; the journal mode
/// is left as the file has it.
/// </summary>
public sealed class SqliteEngine : DatabaseEngine
{
    private readonly string _connectionString;
    private readonly string _unpooled;

    private SqliteEngine(string connectionString, string unpooled)
    {
        _connectionString = connectionString;
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
            DefaultTimeout = 0,
            Cache = SqliteCacheMode.Private,
        };
        var unpooled = new SqliteConnectionStringBuilder(builder.ConnectionString) { Pooling = false };
        return new SqliteEngine(builder.ConnectionString, unpooled.ConnectionString);
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
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

    /// <summary>execution.md §1 step 4 for SQLite: open a connection and read the schema version.</summary>
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
        return ValueTask.CompletedTask;
    }
}
