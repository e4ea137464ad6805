using Onprest.Agent.Sql;
using Onprest.Fuzz.Frames;
using Onprest.Fuzz.Running;
using Onprest.Fuzz.Sql;
using Onprest.Fuzz.Yaml;

namespace Onprest.Agent.Tests.Fuzz;

/// <summary>
/// The CI share of the fuzzers in fuzz/ (docs/fuzzing.md): a few thousand seeded inputs per target, so every run
/// checks the same inputs and a failure names the shortest input that shows it. The long runs use fuzz/run.sh.
/// </summary>
public sealed class ShortFuzzRunTests
{
    private const int Seed = 20261204;

    // Only a hang counts here: the machine running CI is shared, and speed is measured in bench/, not in tests.
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    public static TheoryData<SqlDialect> Dialects => new(SqlDialect.Postgres, SqlDialect.MySql, SqlDialect.Sqlite, SqlDialect.SqlServer, SqlDialect.Oracle);

    private static void AssertNothingFound(FuzzReport report)
    {
        TestContext.Current.SendDiagnosticMessage(report.Summary());
        Assert.True(report.Findings.Count == 0, report.Summary());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Scanner_properties_hold_for_generated_sql(SqlDialect dialect)
    {
        var report = SqlTargets.Scanner(dialect, 4000, Seed, HangLimit);
        AssertNothingFound(report);
        Assert.Equal(4000, report.Inputs);
        Assert.True(report.Counters.GetValueOrDefault("accepted as one statement") > 0);
        Assert.True(report.Counters.GetValueOrDefault("refused as several statements") > 0);
    }

    [Fact]
    public void Sqlite_never_finds_two_statements_where_the_scanner_accepts_one()
    {
        using var oracle = new SqliteOracle();
        var report = SqlTargets.Differential(oracle, 3000, Seed, HangLimit);
        AssertNothingFound(report);
        Assert.True(report.Counters.GetValueOrDefault("scanner one, engine One") > 0);
    }

    [Fact]
    public void Postgres_never_finds_two_statements_where_the_scanner_accepts_one()
    {
        var connection = TestDatabases.Postgres();
        if (connection is null)
        {
            Assert.Skip("ONPREST_TEST_POSTGRES_HOST is not set; run `source .ci/databases.sh` to start PostgreSQL on loopback");
        }

        using var oracle = new PostgresOracle(connection);
        var report = SqlTargets.Differential(oracle, 1500, Seed, HangLimit);
        AssertNothingFound(report);
    }

    [Fact]
    public void Mariadb_never_finds_two_statements_where_the_scanner_accepts_one()
    {
        var connection = TestDatabases.MySql();
        if (connection is null)
        {
            Assert.Skip("ONPREST_TEST_MYSQL_HOST is not set; run `source .ci/databases.sh` to start MariaDB on loopback");
        }

        using var oracle = new MySqlOracle(connection);
        var report = SqlTargets.Differential(oracle, 600, Seed, HangLimit);
        AssertNothingFound(report);
    }

    [Fact]
    public void The_oracles_see_two_statements_when_there_are_two()
    {
        using var sqlite = new SqliteOracle();
        Assert.All(sqlite.Judge("select 1; select 2"), r => Assert.Equal(EngineVerdict.Several, r.Verdict));
        Assert.All(sqlite.Judge("select 1; -- done"), r => Assert.Equal(EngineVerdict.One, r.Verdict));
        if (TestDatabases.Postgres() is { } pg)
        {
            using var postgres = new PostgresOracle(pg);
            Assert.All(postgres.Judge("select 1; select 2"), r => Assert.Equal(EngineVerdict.Several, r.Verdict));
            Assert.All(postgres.Judge("select 1 /* ; select 2 */"), r => Assert.Equal(EngineVerdict.One, r.Verdict));
        }

        if (TestDatabases.MySql() is { } my)
        {
            using var mariadb = new MySqlOracle(my);
            Assert.All(mariadb.Judge("select 1; select 2"), r => Assert.Equal(EngineVerdict.Several, r.Verdict));
            Assert.All(mariadb.Judge("select 1 /* ; select 2 */"), r => Assert.Equal(EngineVerdict.One, r.Verdict));

            // The fuzzer's MariaDB finding, kept as a check that the engine still behaves as the scanner now assumes.
            Assert.All(mariadb.Judge("select 1 ; /*! /*M!100000 select 2 */"), r => Assert.Equal(EngineVerdict.Several, r.Verdict));
        }
    }

    [Fact]
    public void Hostile_frames_never_throw_out_of_a_session_and_it_keeps_serving()
    {
        var report = FrameTargets.Run(3000, Seed, HangLimit);
        AssertNothingFound(report);
        Assert.True(report.Counters.GetValueOrDefault("probes answered") >= 6);
    }

    [Fact]
    public void Mutated_capability_files_end_in_a_configuration_or_one_error_message()
    {
        var report = YamlTargets.Run(600, Seed, HangLimit);
        AssertNothingFound(report);
        Assert.True(report.Counters.GetValueOrDefault("refused with a message") > 0);
    }
}
