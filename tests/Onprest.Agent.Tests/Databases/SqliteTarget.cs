using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>An SQLite file in a temporary folder; always available.</summary>
public sealed class SqliteTarget : EngineTarget, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onprest-sqlite-").FullName;

    public SqliteTarget()
    {
        var path = Path.Combine(_folder, "test.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        command.ExecuteNonQuery();
        Owner = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path };
    }

    public override string Name => "sqlite";

    public override DatabaseSettings? Owner { get; }

    public override string SkipReason => "";

    public override bool IsServer => false;

    public override string P(int n) => "@p" + n;

    // A recursive CTE long enough to outlast any test deadline; only sqlite3_interrupt stops it early.
    public override string SleepSelect(int seconds) =>
        $"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {seconds} * 20000000) SELECT count(*) AS x FROM c";

    public override string SleepUpdate(string table, int seconds) =>
        $"UPDATE {table} SET qty = qty + 1 WHERE (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {seconds} * 20000000) SELECT count(*) FROM c) > 0";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
