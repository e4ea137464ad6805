using System.Text;
using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>docs/capability-yaml.md and docs/agent-databases.md for SQLite.</summary>
public sealed class SqliteSpecificTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Missing_file_fails_the_open_stage_and_is_never_created()
    {
        var path = _folder.File("missing.db");
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, [], _folder.Path), TestContext.Current.CancellationToken);
        Assert.Equal("database_open", result.Failure!.Stage);
        Assert.Equal($"database could not be opened; sqlite file {path} does not exist (database.path is relative to the folder of capability.yaml)", result.Failure.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file:test.db?mode=memory")]
    public void Special_names_are_ordinary_relative_files(string name)
    {
        var path = Path.Combine(_folder.Path, name);
        Assert.Throws<DatabaseOpenException>(() => DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, 1));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Directory_fails_to_open()
    {
        var ex = Assert.Throws<DatabaseOpenException>(() => DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = _folder.Path }, 1));
        Assert.Contains("is a directory", ex.Message);
    }

    [Fact]
    public async Task Read_only_mode_refuses_writes_as_query_failed_and_keeps_the_journal_mode()
    {
        var path = CreateDatabase("ro.db", "PRAGMA journal_mode=WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO t VALUES (1, 'a')");
        var settings = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path, ReadOnly = true };
        await using var engine = DatabaseEngineFactory.Create(settings, 2);
        using var log = AgentDetailLog.Open(_folder.File("onprest-agent.log"), 1024 * 1024, 1);
        var executor = new CapabilityExecutor(engine, log);
        var token = TestContext.Current.CancellationToken;
        var read = await executor.ExecuteAsync(Select("SELECT v FROM t", [Column("v")]), [], "r1", token);
        Assert.Equal("{\"rows\":[{\"v\":\"a\"}],\"count\":1}", System.Text.Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(read).ResultJson.Span));
        var write = await executor.ExecuteAsync(Dml("UPDATE t SET v = 'b'"), [], "r2", token);
        Assert.Equal(PublicErrors.QueryFailed, Assert.IsType<ExecutionOutcome.Failure>(write).Error);
        var journal = await executor.ExecuteAsync(Select("PRAGMA journal_mode", [Column("journal_mode")]), [], "r3", token);
        Assert.Contains("\"wal\"", System.Text.Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(journal).ResultJson.Span));
    }

    [Fact]
    public async Task Foreign_keys_are_enforced_on_every_connection()
    {
        var path = CreateDatabase("fk.db", "CREATE TABLE p (id INTEGER PRIMARY KEY)", "CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id))");
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, 2);
        var executor = new CapabilityExecutor(engine, null);
        for (var i = 0; i < 3; i++)
        {
            var outcome = await executor.ExecuteAsync(Dml($"INSERT INTO c (id, p) VALUES ({i}, 42)", Onprest.Agent.Sql.SqlOperation.Insert), [], "r", TestContext.Current.CancellationToken);
            Assert.Equal(PublicErrors.ConstraintViolation, Assert.IsType<ExecutionOutcome.Failure>(outcome).Error);
        }
    }

    [Fact]
    public async Task Storage_classes_decide_the_source_category()
    {
        var path = CreateDatabase("types.db", "CREATE TABLE t (a, b, c, d, e)", "INSERT INTO t VALUES (42, 1.5, 'txt', X'68C3A9', NULL)", "INSERT INTO t VALUES ('7', 2, '2026-05-04', 'x', 0)");
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, 2);
        var executor = new CapabilityExecutor(engine, null);
        var cap = Select("SELECT a, b, c, d, e FROM t ORDER BY rowid", [Column("a", ParamType.Integer), Column("b", ParamType.Number), Column("c"), Column("d"), Column("e", ParamType.Boolean)]);
        var outcome = await executor.ExecuteAsync(cap, [], "r", TestContext.Current.CancellationToken);
        Assert.Equal("{\"rows\":[{\"a\":42,\"b\":1.5,\"c\":\"txt\",\"d\":\"hé\",\"e\":null},{\"a\":7,\"b\":2,\"c\":\"2026-05-04\",\"d\":\"x\",\"e\":false}],\"count\":2}",
            System.Text.Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(outcome).ResultJson.Span));
    }

    [Fact]
    public async Task Booleans_are_bound_as_integers()
    {
        var path = CreateDatabase("bool.db", "CREATE TABLE t (f INTEGER)", "INSERT INTO t VALUES (1)");
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, 2);
        var executor = new CapabilityExecutor(engine, null);
        var cap = Select("SELECT typeof(@p1) AS k, count(*) AS n FROM t WHERE f = @p1", [Column("k"), Column("n", ParamType.Integer)], parameterNames: ["flag"]);
        var outcome = await executor.ExecuteAsync(cap, [true], "r", TestContext.Current.CancellationToken);
        Assert.Equal("{\"rows\":[{\"k\":\"integer\",\"n\":1}],\"count\":1}", System.Text.Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(outcome).ResultJson.Span));
    }

    [Fact]
    public async Task Locked_database_is_query_failed_or_timeout_never_unreachable()
    {
        var path = CreateDatabase("busy.db", "CREATE TABLE t (v INTEGER)", "INSERT INTO t VALUES (1)");
        using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, 2);
        var executor = new CapabilityExecutor(engine, null);
        var cap = Dml("UPDATE t SET v = 2", policy: new EffectivePolicy { Readonly = false, Timeout = TimeSpan.FromMilliseconds(1500) });
        var outcome = await executor.ExecuteAsync(cap, [], "r", TestContext.Current.CancellationToken);
        var error = Assert.IsType<ExecutionOutcome.Failure>(outcome).Error;
        Assert.Contains(error, new[] { PublicErrors.QueryFailed, PublicErrors.QueryTimeout });
    }

    [Fact]
    public async Task Duplicate_column_names_use_the_later_column()
    {
        var outcome = await RunOnEmptyAsync(Select("SELECT 1 AS a, 2 AS a, 3 AS b", [Column("a", ParamType.Integer)]));
        Assert.Equal("{\"rows\":[{\"a\":2}],\"count\":1}", outcome);
    }

    [Fact]
    public async Task Unicode_and_hostile_names_and_values_survive()
    {
        var sql = "SELECT 'Zoë \"😀\" \\ ' || char(10) || char(0x2028) AS \"naïve col\", x'00ff' AS raw";
        var outcome = await RunOnEmptyAsync(Select(sql, [Column("naïve col"), Column("raw")]));
        Assert.Equal("{\"rows\":[{\"naïve col\":\"Zoë \\\"😀\\\" \\\\ \\n\u2028\",\"raw\":\"\\u0000\uFFFD\"}],\"count\":1}", outcome);
    }

    [Fact]
    public async Task Large_values_count_toward_max_bytes_exactly()
    {
        var cap = Select("SELECT printf('%.*c', 100000, 'x') AS v", [Column("v")], new EffectivePolicy { MaxBytes = 100000 + 29 });
        var outcome = await RunOnEmptyAsync(cap);
        Assert.Equal(100000 + 29, Encoding.UTF8.GetByteCount(outcome));
        var tooSmall = await RunOnEmptyRawAsync(cap with { Policy = new EffectivePolicy { MaxBytes = 100000 + 28 } });
        Assert.Equal(PublicErrors.MaxBytesExceeded, Assert.IsType<ExecutionOutcome.Failure>(tooSmall).Error);
    }

    [Fact]
    public async Task Many_rows_stop_early_when_max_bytes_is_certain_to_be_exceeded()
    {
        var cap = Select("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT i FROM c", [Column("i", ParamType.Integer)],
            new EffectivePolicy { MaxRows = int.MaxValue, MaxBytes = 4096, Timeout = TimeSpan.FromSeconds(20) });
        var outcome = await RunOnEmptyRawAsync(cap);
        Assert.Equal(PublicErrors.MaxBytesExceeded, Assert.IsType<ExecutionOutcome.Failure>(outcome).Error);
    }

    [Fact]
    public async Task Result_above_the_tunnel_frame_limit_fails_even_when_max_bytes_allows_it()
    {
        var cap = Select("SELECT printf('%.*c', 17000000, 'x') AS v", [Column("v")], new EffectivePolicy { MaxBytes = 64L * 1024 * 1024 });
        var outcome = await RunOnEmptyRawAsync(cap);
        Assert.Equal(PublicErrors.QueryFailed, Assert.IsType<ExecutionOutcome.Failure>(outcome).Error);
    }

    private async Task<string> RunOnEmptyAsync(Capability capability) =>
        Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(await RunOnEmptyRawAsync(capability)).ResultJson.Span);

    private async Task<ExecutionOutcome> RunOnEmptyRawAsync(Capability capability)
    {
        var path = File.Exists(_folder.File("empty.db")) ? _folder.File("empty.db") : CreateDatabase("empty.db", "CREATE TABLE t (x)");
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, 2);
        return await new CapabilityExecutor(engine, null).ExecuteAsync(capability, [], "r", TestContext.Current.CancellationToken);
    }

    private string CreateDatabase(string name, params string[] statements)
    {
        var path = _folder.File(name);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString);
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        return path;
    }
}
