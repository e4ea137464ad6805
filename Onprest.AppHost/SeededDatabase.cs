using Aspire.Hosting.ApplicationModel;
using Microsoft.Data.Sqlite;

namespace Onprest.AppHost;

/// <summary>
/// The example CRM database (examples/seed) for one run: PostgreSQL as a container resource with the least-privilege
/// account the seed script creates, or a SQLite file in the run folder seeded from examples/seed/sqlite.sql.
/// </summary>
internal sealed record SeededDatabase(DatabaseMode Mode, IResourceBuilder<PostgresServerResource>? Postgres, string? SqlitePath)
{
    public const string Name = "crm";

    public static SeededDatabase Add(IDistributedApplicationBuilder builder, DatabaseMode mode, RunFolder run)
    {
        var seeds = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "examples", "seed"));
        if (mode == DatabaseMode.Postgres)
        {
            var postgres = builder.AddPostgres("postgres")
                .WithEnvironment("POSTGRES_DB", Name)
                .WithBindMount(Path.Combine(seeds, "postgres.sql"), "/docker-entrypoint-initdb.d/10-crm.sql", isReadOnly: true);
            return new SeededDatabase(mode, postgres, null);
        }

        var path = Path.Combine(run.Path, Name + ".db");
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using (var sqlite = new SqliteConnection(connection.ToString()))
        {
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = File.ReadAllText(Path.Combine(seeds, "sqlite.sql"));
            command.ExecuteNonQuery();
        }

        return new SeededDatabase(mode, null, path);
    }
}
