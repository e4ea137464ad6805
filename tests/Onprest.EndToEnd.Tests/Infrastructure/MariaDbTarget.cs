using MySqlConnector;

namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>The CI MariaDB server (engine <c>mysql</c>); the agent connects as the least-privilege writer account.</summary>
internal sealed class MariaDbTarget(ServerDatabaseSettings settings) : DatabaseTarget
{
    private readonly string _owner = new MySqlConnectionStringBuilder
    {
        Server = settings.Host,
        Port = (uint)settings.Port,
        Database = settings.Database,
        UserID = settings.OwnerUser,
        Password = settings.OwnerPassword,
        Pooling = false,
    }.ToString();

    public override string Driver => "mysql";

    public override string SlowSelect => "select sleep(8) as n";

    public override string DatabaseSection(string configFolder) => settings.DatabaseSection(Driver);

    public override async Task ResetAsync()
    {
        await using var connection = new MySqlConnection(_owner);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "drop table if exists e2e_customers",
            "create table e2e_customers (id bigint primary key, name varchar(200) not null, email varchar(190) not null unique) engine=InnoDB",
            "insert into e2e_customers values (1, 'Ada Lovelace', 'ada@example.com'), (2, 'Grace Hopper', 'grace@example.com'), (3, 'Edsger Dijkstra', 'edsger@example.com')",
            $"grant select, update (name, email) on e2e_customers to '{settings.AgentUser}'@'127.0.0.1'",
        })
        {
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public override async Task<string?> ReadEmailAsync(long id)
    {
        await using var connection = new MySqlConnection(_owner);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("select email from e2e_customers where id = @id", connection);
        command.Parameters.AddWithValue("@id", id);
        return (string?)await command.ExecuteScalarAsync();
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
