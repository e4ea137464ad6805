using Microsoft.Data.Sqlite;

namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>An SQLite file in the system's own folder (the agent never creates it; the test does).</summary>
internal sealed class SqliteTarget : DatabaseTarget
{
    private readonly string _path;

    public SqliteTarget(string folder)
    {
        _path = Path.Combine(folder, "crm.db");
    }

    public override string Driver => "sqlite";

    public override string SlowSelect =>
        "select count(*) as n from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 100000000) select x from c)";

    public override string DatabaseSection(string configFolder) =>
        $"  driver: sqlite\n  path: {Path.GetRelativePath(configFolder, _path)}\n  mode: rw\n";

    public override async Task ResetAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            drop table if exists e2e_customers;
            create table e2e_customers (id integer primary key, name text not null, email text not null unique, score real, created_at text);
            insert into e2e_customers values
              (1, 'Ada Lovelace', 'ada@example.com', 1.5, '2026-05-04T12:00:00Z'),
              (2, 'Grace Hopper', 'grace@example.com', null, null),
              (3, 'Edsger Dijkstra', 'edsger@example.com', 3.25, null);
            """;
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<string?> ReadEmailAsync(long id)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "select email from e2e_customers where id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string?)await command.ExecuteScalarAsync();
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
