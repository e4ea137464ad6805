using System.Data.Common;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases;

/// <summary>Behaviour shared by the engines; each engine overrides what its client library does differently.</summary>
public abstract class DatabaseEngine : IDatabaseEngine
{
    public abstract DatabaseDriver Driver { get; }

    public virtual IReadOnlyList<string> RedactionTexts => [];

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Engines without a read-only session mode (SQL Server) keep <c>readonly</c> syntactic: the ordinary pool.</summary>
    public virtual Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    public virtual async Task PingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public abstract Task ProbeAsync(CancellationToken cancellationToken);

    public abstract DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining);

    public virtual async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public virtual Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken) =>
        command.ExecuteReaderAsync(cancellationToken);

    public virtual async Task<long> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteNonQueryAsync(cancellationToken);

    public virtual IDisposable GuardExecution(DbConnection connection, CancellationToken cancellationToken) => NoGuard.Instance;

    public abstract SourceValue Read(DbDataReader reader, int ordinal);

    public abstract DbErrorInfo Classify(Exception exception);

    /// <summary>Default EXPLAIN: <c>EXPLAIN &lt;sql&gt;</c> on a pooled connection, plan rows read and discarded.</summary>
    public virtual async Task ExplainAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, ExplainPrefix + sql, values, Timeout.InfiniteTimeSpan);
        using var guard = GuardExecution(connection, cancellationToken);
        await using var reader = await ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }

    public abstract void Destroy(DbConnection connection);

    public abstract ValueTask DisposeAsync();

    protected virtual string ExplainPrefix => "EXPLAIN ";

    /// <summary>Whole seconds (at least 1) for drivers that only take a seconds timeout; 0 = none, for statements without a deadline.</summary>
    protected static int DriverTimeoutSeconds(TimeSpan remaining) =>
        remaining == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, int.MaxValue);

    private sealed class NoGuard : IDisposable
    {
        public static readonly NoGuard Instance = new();

        public void Dispose()
        {
        }
    }
}
