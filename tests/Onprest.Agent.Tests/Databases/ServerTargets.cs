using System.Globalization;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>PostgreSQL found through the ONPREST_TEST_POSTGRES_* variables (docs/testing.md).</summary>
public sealed class PostgresEnvTarget : EngineTarget
{
    public override string Name => "postgres";

    public override DatabaseSettings? Owner => Settings("", "");

    public override DatabaseSettings? Reader => Settings("READER_", "");

    public override DatabaseSettings? Writer => Settings("WRITER_", "");

    public override string SkipReason => "ONPREST_TEST_POSTGRES_HOST is not set; run `source .ci/databases.sh` to start PostgreSQL on loopback";

    public override string P(int n) => "$" + n.ToString(CultureInfo.InvariantCulture);

    public override string SleepSelect(int seconds) => $"SELECT pg_sleep({seconds}) IS NULL AS x";

    public override string SleepUpdate(string table, int seconds) => $"UPDATE {table} SET qty = qty + 1 WHERE pg_sleep({seconds}) IS NOT NULL";

    public static DatabaseSettings? Settings(string role, string unused)
    {
        _ = unused;
        var host = Env("ONPREST_TEST_POSTGRES_HOST");
        var user = Env($"ONPREST_TEST_POSTGRES_{role}USER");
        if (host is null || user is null)
        {
            return null;
        }

        return new DatabaseSettings
        {
            Driver = DatabaseDriver.Postgres,
            Host = host,
            Port = int.Parse(Env("ONPREST_TEST_POSTGRES_PORT") ?? "5432", CultureInfo.InvariantCulture),
            Name = Env("ONPREST_TEST_POSTGRES_DB") ?? "onprest_test",
            User = user,
            Password = Environment.GetEnvironmentVariable($"ONPREST_TEST_POSTGRES_{role}PASSWORD") ?? "",
        };
    }
}

/// <summary>MariaDB/MySQL found through the ONPREST_TEST_MYSQL_* variables (docs/testing.md).</summary>
public sealed class MySqlEnvTarget : EngineTarget
{
    public override string Name => "mysql";

    public override DatabaseSettings? Owner => Settings("");

    public override DatabaseSettings? Reader => Settings("READER_");

    public override DatabaseSettings? Writer => Settings("WRITER_");

    public override string SkipReason => "ONPREST_TEST_MYSQL_HOST is not set; run `source .ci/databases.sh` to start MariaDB on loopback";

    public override string P(int n) => "?";

    public override string SleepSelect(int seconds) => $"SELECT SLEEP({seconds}) AS x";

    public override string SleepUpdate(string table, int seconds) => $"UPDATE {table} SET qty = qty + 1 WHERE SLEEP({seconds}) = 0";

    public override IEnumerable<string> CreateTables(string t) =>
        base.CreateTables(t).Select(s => s.StartsWith("CREATE", StringComparison.Ordinal) ? s + " ENGINE=InnoDB" : s);

    public static DatabaseSettings? Settings(string role)
    {
        var host = Env("ONPREST_TEST_MYSQL_HOST");
        var user = Env($"ONPREST_TEST_MYSQL_{role}USER");
        if (host is null || user is null)
        {
            return null;
        }

        return new DatabaseSettings
        {
            Driver = DatabaseDriver.MySql,
            Host = host,
            Port = int.Parse(Env("ONPREST_TEST_MYSQL_PORT") ?? "3306", CultureInfo.InvariantCulture),
            Name = Env("ONPREST_TEST_MYSQL_DB") ?? "onprest_test",
            User = user,
            Password = Environment.GetEnvironmentVariable($"ONPREST_TEST_MYSQL_{role}PASSWORD") ?? "",
        };
    }
}
