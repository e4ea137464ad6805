using Npgsql;

namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>The CI PostgreSQL server; the agent connects as the least-privilege writer role.</summary>
internal sealed class PostgresTarget(ServerDatabaseSettings settings) : DatabaseTarget
{
    private readonly NpgsqlDataSource _owner = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
    {
        Host = settings.Host,
        Port = settings.Port,
        Database = settings.Database,
        Username = settings.OwnerUser,
        Password = settings.OwnerPassword,
        Pooling = false,
    }.ToString());

    public override string Driver => "postgres";

    public override string SlowSelect => "select 1 as n from pg_sleep(8)";

    public override string DatabaseSection(string configFolder) => settings.DatabaseSection(Driver);

    public override async Task ResetAsync()
    {
        await using var command = _owner.CreateCommand($"""
            drop table if exists e2e_customers;
            create table e2e_customers (id bigint primary key, name text not null, email text not null unique);
            insert into e2e_customers values (1, 'Ada Lovelace', 'ada@example.com'), (2, 'Grace Hopper', 'grace@example.com'), (3, 'Edsger Dijkstra', 'edsger@example.com');
            grant select, update (name, email) on e2e_customers to {settings.AgentUser};
            """);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<string?> ReadEmailAsync(long id)
    {
        await using var command = _owner.CreateCommand("select email from e2e_customers where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string?)await command.ExecuteScalarAsync();
    }

    public override ValueTask DisposeAsync() => _owner.DisposeAsync();
}
