using System.Globalization;
using Onprest.Agent.Capabilities;
using Testcontainers.MsSql;
using Testcontainers.PostgreSql;

namespace Onprest.Agent.Tests.Databases;

/// <summary>
/// Engines started with Testcontainers when a Docker engine is reachable; one container per engine for the whole test
/// run. Without Docker every test skips with the reason Testcontainers gave.
/// </summary>
public abstract class ContainerTarget : EngineTarget
{
    private DatabaseSettings? _owner;
    private string _reason = "container not started";

    public override DatabaseSettings? Owner => _owner;

    public override string SkipReason => _reason;

    public override async Task PrepareAsync()
    {
        (_owner, _reason) = await StartedAsync();
    }

    protected abstract Task<(DatabaseSettings?, string)> StartedAsync();

    protected static async Task<(DatabaseSettings?, string)> StartAsync(Func<Task<DatabaseSettings>> start, string engine)
    {
        try
        {
            return (await start(), "");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = $"no Docker engine reachable for the {engine} container: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            TestContext.Current.SendDiagnosticMessage(reason);
            return (null, reason);
        }
    }
}

public sealed class PostgresContainerTarget : ContainerTarget
{
    private static readonly Lazy<Task<(DatabaseSettings?, string)>> Container = new(() => StartAsync(async () =>
    {
        var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        await container.StartAsync();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(container.GetConnectionString());
        return new DatabaseSettings
        {
            Driver = DatabaseDriver.Postgres,
            Host = builder.Host!,
            Port = builder.Port,
            Name = builder.Database!,
            User = builder.Username!,
            Password = builder.Password ?? "",
        };
    }, "PostgreSQL"));

    public override string Name => "postgres";

    public override string P(int n) => "$" + n.ToString(CultureInfo.InvariantCulture);

    public override string SleepSelect(int seconds) => $"SELECT pg_sleep({seconds}) IS NULL AS x";

    public override string SleepUpdate(string table, int seconds) => $"UPDATE {table} SET qty = qty + 1 WHERE pg_sleep({seconds}) IS NOT NULL";

    protected override Task<(DatabaseSettings?, string)> StartedAsync() => Container.Value;
}

public sealed class SqlServerContainerTarget : ContainerTarget
{
    private static readonly Lazy<Task<(DatabaseSettings?, string)>> Container = new(() => StartAsync(async () =>
    {
        var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
        await container.StartAsync();
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(container.GetConnectionString());
        var source = builder.DataSource.Replace("tcp:", "", StringComparison.Ordinal).Split(',');
        return new DatabaseSettings
        {
            Driver = DatabaseDriver.SqlServer,
            Host = source[0],
            Port = source.Length > 1 ? int.Parse(source[1], CultureInfo.InvariantCulture) : 1433,
            Name = builder.InitialCatalog is { Length: > 0 } catalog ? catalog : "master",
            User = builder.UserID,
            Password = builder.Password,
            Tls = new TlsSettings { Mode = TlsMode.Require },
        };
    }, "SQL Server"));

    public override string Name => "sqlserver";

    public override string P(int n) => "@p" + n.ToString(CultureInfo.InvariantCulture);

    public override string SleepSelect(int seconds) => $"WAITFOR DELAY '00:00:{seconds:D2}'; SELECT 1 AS x";

    public override string SleepUpdate(string table, int seconds) => $"WAITFOR DELAY '00:00:{seconds:D2}'; UPDATE {table} SET qty = qty + 1";

    protected override Task<(DatabaseSettings?, string)> StartedAsync() => Container.Value;
}
