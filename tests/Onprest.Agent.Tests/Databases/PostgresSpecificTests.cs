using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;
using Onprest.Agent.Sql;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>The engine suite on PostgreSQL from the environment (CI: .ci/databases.sh), plus PostgreSQL-only behaviour.</summary>
public sealed class PostgresEngineTests() : ServerEngineSuite(new PostgresEnvTarget())
{
    [Fact]
    public async Task Values_are_read_exactly_as_text()
    {
        Require();
        const string sql = """
            SELECT 12345678901234567890123456789012345.000001::numeric AS n, 'NaN'::numeric AS nn, 12.50::numeric(6,2) AS scale,
                   '2026-05-04 12:00:00.5'::timestamp AS ts, '2026-05-04 12:00:00+02'::timestamptz AS tz, 'infinity'::timestamp AS inf,
                   '-infinity'::timestamptz AS ninf, '2026-05-04'::date AS d, '12:00:00.123456'::time AS t, '12:00:00+02'::timetz AS ttz,
                   'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS u, '\x68c3a9'::bytea AS b, '1 day 02:00:00'::interval AS i,
                   1.5::float8 AS f, 1e21::float8 AS big, 0.1::float4 AS r, true AS bo, '{"a": 1}'::jsonb AS j, 9223372036854775807::bigint AS i8,
                   ARRAY[1,2] AS arr, '192.168.0.1'::inet AS ip, '$1,234.50'::money AS m
            """;
        string[] names = ["arr", "b", "big", "bo", "d", "f", "i", "i8", "inf", "ip", "j", "m", "n", "ninf", "nn", "r", "scale", "t", "ts", "ttz", "tz", "u"];
        var outcome = await RunAsync(Select(sql, names.Select(n => Column(n)).ToList()), []);
        AssertSuccess(outcome, "{\"rows\":[{\"arr\":\"{1,2}\",\"b\":\"hé\",\"big\":\"1e+21\",\"bo\":\"true\",\"d\":\"2026-05-04\",\"f\":\"1.5\",\"i\":\"1 day 02:00:00\","
            + "\"i8\":\"9223372036854775807\",\"inf\":\"infinity\",\"ip\":\"192.168.0.1\",\"j\":\"{\\\"a\\\": 1}\",\"m\":\"1234.50\","
            + "\"n\":\"12345678901234567890123456789012345.000001\",\"ninf\":\"-infinity\",\"nn\":\"NaN\",\"r\":\"0.1\",\"scale\":\"12.50\","
            + "\"t\":\"12:00:00.123456\",\"ts\":\"2026-05-04T12:00:00.5Z\",\"ttz\":\"12:00:00+02:00\",\"tz\":\"2026-05-04T10:00:00Z\","
            + "\"u\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"}],\"count\":1}");
    }

    [Fact]
    public async Task Typed_declarations_coerce_postgres_values()
    {
        Require();
        const string sql = "SELECT 12.00::numeric AS n, 1::int2 AS flag, 't'::text AS word, 2.5::float8 AS f, 7::oid AS o";
        var cap = Select(sql, [Column("n", ParamType.Integer), Column("flag", ParamType.Boolean), Column("word", ParamType.Boolean), Column("f", ParamType.Number), Column("o", ParamType.Integer)]);
        AssertSuccess(await RunAsync(cap, []), "{\"rows\":[{\"f\":2.5,\"flag\":true,\"n\":12,\"o\":7,\"word\":true}],\"count\":1}");
        AssertFailure(await RunAsync(Select("SELECT 'NaN'::numeric AS n", [Column("n", ParamType.Number)]), []), PublicErrors.QueryFailed);
    }

    [Fact]
    public async Task String_parameters_are_typed_by_the_server()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"ALTER TABLE {t} ADD COLUMN u uuid, ADD COLUMN d date, ADD COLUMN at timestamptz, ADD COLUMN amount numeric(10,2), ADD COLUMN doc jsonb"]);
        var update = Dml($"UPDATE {t} SET u = $1, d = $2, at = $3, amount = $4, doc = $5 WHERE id = 1", parameterNames: ["u", "d", "at", "amount", "doc"]);
        AssertSuccess(await RunAsync(update, ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "2026-05-04", "2026-05-04T12:00:00+02:00", "12.30", "{\"k\": [1]}"]), "{\"count\":1}");
        var find = Select($"SELECT id, d, at, amount, doc FROM {t} WHERE u = $1 AND d >= $2", [Column("id", ParamType.Integer), Column("d"), Column("at"), Column("amount"), Column("doc")], parameterNames: ["u", "d"]);
        AssertSuccess(await RunAsync(find, ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "2026-01-01"]),
            "{\"rows\":[{\"amount\":\"12.30\",\"at\":\"2026-05-04T10:00:00Z\",\"d\":\"2026-05-04\",\"doc\":\"{\\\"k\\\": [1]}\",\"id\":1}],\"count\":1}");
    }

    [Fact]
    public async Task Commit_failure_is_an_unknown_outcome()
    {
        var t = await TableAsync();
        // A deferred constraint is checked at COMMIT: the statement succeeds and the commit fails ( step 8).
        await Target.AdminAsync([$"CREATE TABLE {t}_d (k int, CONSTRAINT {t}_dk UNIQUE (k) DEFERRABLE INITIALLY DEFERRED)", $"INSERT INTO {t}_d VALUES (1)"]);
        try
        {
            var cap = Dml($"INSERT INTO {t}_d (k) VALUES (1)", SqlOperation.Insert);
            var record = AssertFailure(await RunAsync(cap, []), PublicErrors.TransactionOutcomeUnknown);
            Assert.Contains("commit failed", record.GetProperty("detail").GetString());
        }
        finally
        {
            await Target.AdminAsync([$"DROP TABLE {t}_d"]);
        }
    }

    [Fact]
    public async Task Readonly_capability_cannot_write_through_a_volatile_function()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"CREATE TABLE {t}_log (n integer)", $"CREATE FUNCTION {t}_w() RETURNS integer LANGUAGE plpgsql VOLATILE AS $$BEGIN INSERT INTO {t}_log VALUES (1); RETURN 1; END$$"]);
        try
        {
            var select = Select($"SELECT {t}_w() AS v", [Column("v", ParamType.Integer)]);
            var record = AssertFailure(await RunAsync(select, []), PublicErrors.QueryFailed);
            Assert.StartsWith("readonly session refused a write: SQLSTATE 25006", record.GetProperty("detail").GetString());
            Assert.Equal(0L, await CountAsync($"{t}_log"));

            // The same statement outside readonly does write: the refusal came from the session, not the function.
            AssertSuccess(await RunAsync(select with { Policy = new EffectivePolicy { Readonly = false } }, []), "{\"rows\":[{\"v\":1}],\"count\":1}");
            Assert.Equal(1L, await CountAsync($"{t}_log"));
        }
        finally
        {
            await Target.AdminAsync([$"DROP FUNCTION IF EXISTS {t}_w()", $"DROP TABLE IF EXISTS {t}_log"]);
        }
    }

    [Fact]
    public async Task Readonly_select_for_update_is_refused_by_the_database()
    {
        var t = await TableAsync();
        var record = AssertFailure(await RunAsync(Select($"SELECT id FROM {t} WHERE id = 1 FOR UPDATE", [Column("id", ParamType.Integer)]), []), PublicErrors.QueryFailed);
        Assert.Contains("SQLSTATE 25006", record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Readonly_session_a_statement_changed_is_replaced_not_reused()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"CREATE TABLE {t}_log (n integer)", $"CREATE FUNCTION {t}_w() RETURNS integer LANGUAGE plpgsql VOLATILE AS $$BEGIN INSERT INTO {t}_log VALUES (1); RETURN 1; END$$"]);
        try
        {
            // One concurrent execution: the read-only pool holds a single session, so every call would reuse it.
            await using var engine = DatabaseEngineFactory.Create(Target.Owner!, 1);
            using var log = AgentDetailLog.Open(LogPath, 1024 * 1024, 2);
            var executor = new CapabilityExecutor(engine, log);
            var token = TestContext.Current.CancellationToken;
            var pid = Select("SELECT pg_backend_pid() AS pid", [Column("pid", ParamType.Integer)]);
            var first = Utf8(await executor.ExecuteAsync(pid, [], "r1", token));
            Assert.Equal(first, Utf8(await executor.ExecuteAsync(pid, [], "r2", token)));

            var unlock = Select("SELECT set_config('default_transaction_read_only', 'off', false) AS v", [Column("v")]);
            AssertSuccess(await executor.ExecuteAsync(unlock, [], "r3", token), "{\"rows\":[{\"v\":\"off\"}],\"count\":1}");
            AssertFailure(await executor.ExecuteAsync(Select($"SELECT {t}_w() AS v", [Column("v", ParamType.Integer)]), [], "r4", token), PublicErrors.QueryFailed, "r4");
            Assert.Equal(0L, await CountAsync($"{t}_log"));
            Assert.NotEqual(first, Utf8(await executor.ExecuteAsync(pid, [], "r5", token)));

            // A changed date style would make every later date unreadable on that session.
            var german = Select("SELECT set_config('DateStyle', 'German', false) AS v", [Column("v")]);
            Assert.IsType<ExecutionOutcome.Success>(await executor.ExecuteAsync(german, [], "r6", token));
            AssertSuccess(await executor.ExecuteAsync(Select("SELECT DATE '2026-05-04' AS d", [Column("d")]), [], "r7", token), "{\"rows\":[{\"d\":\"2026-05-04\"}],\"count\":1}");
        }
        finally
        {
            await Target.AdminAsync([$"DROP FUNCTION IF EXISTS {t}_w()", $"DROP TABLE IF EXISTS {t}_log"]);
        }
    }

    [Fact]
    public async Task Read_write_sessions_are_still_reset_between_calls()
    {
        Require();
        await using var engine = DatabaseEngineFactory.Create(Target.Owner!, 1);
        var executor = new CapabilityExecutor(engine, null);
        var token = TestContext.Current.CancellationToken;
        var writable = new EffectivePolicy { Readonly = false };
        var look = Select("SELECT current_setting('search_path') AS v, pg_backend_pid() AS pid", [Column("v"), Column("pid", ParamType.Integer)], writable);
        var change = Select("SELECT set_config('search_path', 'pg_catalog', false) AS v, pg_backend_pid() AS pid", [Column("v"), Column("pid", ParamType.Integer)], writable);
        var before = Utf8(await executor.ExecuteAsync(look, [], "r1", token));
        Assert.Contains("\"v\":\"pg_catalog\"", Utf8(await executor.ExecuteAsync(change, [], "r2", token)));
        var after = Utf8(await executor.ExecuteAsync(look, [], "r3", token));

        // The same session (same backend pid), its search_path back to what it was.
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Integer_argument_of_a_stored_function_is_typed_by_the_server()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"CREATE FUNCTION {t}_fail(x integer) RETURNS integer LANGUAGE plpgsql AS $$BEGIN RETURN x * 2; END$$"]);
        try
        {
            var cap = Select($"SELECT {t}_fail($1) AS v", [Column("v", ParamType.Integer)], name: "fail_fn", parameterNames: ["x"]) with
            {
                Parameters = [new ParameterSpec { Name = "x", Type = ParamType.Integer }],
            };
            await using (var checks = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(Target.Owner!, [cap], Path.GetDirectoryName(LogPath)!), TestContext.Current.CancellationToken))
            {
                Assert.Null(checks.Failure);
            }

            AssertSuccess(await RunAsync(cap, [21L]), "{\"rows\":[{\"v\":42}],\"count\":1}");
            var outcome = Assert.IsType<ExecutionOutcome.Failure>(await RunAsync(cap, [3_000_000_000L]));
            Assert.Equal(PublicErrors.ValueOutOfRange, outcome.Error);
            var record = DetailLogReader.Records(LogPath).Last();
            Assert.Contains("SQLSTATE 22003", record.GetProperty("detail").GetString());
        }
        finally
        {
            await Target.AdminAsync([$"DROP FUNCTION IF EXISTS {t}_fail(integer)"]);
        }
    }

    [Fact]
    public async Task Destroyed_connection_is_never_handed_out_again()
    {
        Require();
        await using var engine = DatabaseEngineFactory.Create(Target.Owner!, 1);
        var token = TestContext.Current.CancellationToken;
        foreach (var open in new Func<CancellationToken, Task<System.Data.Common.DbConnection>>[] { engine.OpenAsync, engine.OpenReadOnlyAsync })
        {
            var connection = (Npgsql.NpgsqlConnection)await open(token);
            var destroyed = connection.ProcessID;
            engine.Destroy(connection);
            await using var next = (Npgsql.NpgsqlConnection)await open(token);
            Assert.NotEqual(destroyed, next.ProcessID);
        }
    }
}
