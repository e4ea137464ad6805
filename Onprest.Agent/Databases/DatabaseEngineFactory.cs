using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases.MySql;
using Onprest.Agent.Databases.Postgres;
using Onprest.Agent.Databases.Sqlite;
using Onprest.Agent.Databases.SqlServer;

namespace Onprest.Agent.Databases;

/// <summary>
/// Opens the database of a linted <see cref="DatabaseSettings"/> (docs/agent-databases.md step 3): builds structured
/// connection settings, reads the TLS files and creates a pool sized for <c>runtime.max_concurrent_requests</c>.
/// Throws <see cref="DatabaseOpenException"/> (private detail) when that fails.
/// </summary>
public static class DatabaseEngineFactory
{
    public static IDatabaseEngine Create(DatabaseSettings settings, int maxConcurrentRequests)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentRequests, 1);
        try
        {
            return settings.Driver switch
            {
                DatabaseDriver.Postgres => PostgresEngine.Create(settings, maxConcurrentRequests),
                DatabaseDriver.MySql => MySqlEngine.Create(settings, maxConcurrentRequests),
                DatabaseDriver.SqlServer => SqlServerEngine.Create(settings, maxConcurrentRequests),
                DatabaseDriver.Sqlite => SqliteEngine.Create(settings),
                _ => throw new DatabaseOpenException($"database.driver {settings.Driver.ToString().ToLowerInvariant()} is not available in this build"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new DatabaseOpenException($"build database connection settings: {ex.Message}", ex);
        }
    }
}
