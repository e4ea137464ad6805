using System.Data.Common;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases;

/// <summary>
/// One database engine behind the executor (docs/agent-databases.md): a pool sized for N concurrent executions, statement
/// binding, reading values by source category, error classification and the start-up ping and EXPLAIN.
/// Created by <see cref="DatabaseEngineFactory"/>; all members are safe for concurrent use.
/// </summary>
public interface IDatabaseEngine : IAsyncDisposable
{
    DatabaseDriver Driver { get; }

    /// <summary>Texts the engine built from credentials (connection strings), for <c>[REDACTED]</c> replacement.</summary>
    IReadOnlyList<string> RedactionTexts { get; }

    /// <summary>Obtains an open pooled connection, bounded by <paramref name="cancellationToken"/>.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Obtains an open connection for a <c>readonly: true</c> capability: from a separate pool whose sessions the
    /// database itself keeps read-only where the engine can (docs/database-types.md); SQL Server returns an ordinary one.
    /// </summary>
    Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken);

    /// <summary>Checks an open connection answers (SQLite: reads the schema version).</summary>
    Task PingAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Opens and pings a fresh connection outside the pool (docs/agent-databases.md step 4 probe).</summary>
    Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>A command for the engine's rewritten SQL with one bound value per placeholder occurrence (docs/agent-params.md).</summary>
    DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining);

    /// <summary>Begins a transaction with the engine's default isolation, bounded by <paramref name="cancellationToken"/>.</summary>
    Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs a row-returning statement (server-side prepared where the engine requires it).</summary>
    Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken);

    /// <summary>Runs a DML statement and returns the affected-row count the engine reports.</summary>
    Task<long> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Ties an engine-level interrupt to <paramref name="cancellationToken"/> for the whole execution and reading
    /// (SQLite: <c>sqlite3_interrupt</c>); engines whose drivers honour the token per call return an empty guard.
    /// </summary>
    IDisposable GuardExecution(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Reads the value at <paramref name="ordinal"/> of the current row, classified (docs/agent-params.md).</summary>
    SourceValue Read(DbDataReader reader, int ordinal);

    /// <summary>Classifies an engine error by SQLSTATE / error number / result code (docs/agent-databases.md).</summary>
    DbErrorInfo Classify(Exception exception);

    /// <summary>The engine's EXPLAIN of a capability with placeholder values (docs/capability-yaml.md).</summary>
    Task ExplainAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken);

    /// <summary>Closes <paramref name="connection"/> so it is never reused (outcome unknown, broken state).</summary>
    void Destroy(DbConnection connection);
}
