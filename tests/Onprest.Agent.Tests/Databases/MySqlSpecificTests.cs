using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>The engine suite on MariaDB/MySQL from the environment (CI: .ci/databases.sh), plus MySQL-only behaviour.</summary>
public sealed class MySqlEngineTests() : ServerEngineSuite(new MySqlEnvTarget())
{
    [Fact]
    public async Task Values_follow_the_mysql_rules()
    {
        var t = await TableAsync();
        await Target.AdminAsync([
            $"CREATE TABLE {t}_v (b TINYINT(1), z DATE, zd DATETIME, dc DECIMAL(40,6), u BIGINT UNSIGNED, tm TIME, y YEAR, bits BIT(8), js JSON, e ENUM('a','b'), f FLOAT, dbl DOUBLE, ts DATETIME(3), c36 CHAR(36), bin VARBINARY(10)) ENGINE=InnoDB",
            $"INSERT INTO {t}_v VALUES (1, '0000-00-00', '0000-00-00 00:00:00', 1234567890123456789012345678901234.000001, 18446744073709551615, '-838:59:59', 2026, b'01000001', '{{\"a\":1}}', 'b', 1.1, 1.5, '2026-05-04 12:00:00.500', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', X'68C3A9')",
        ]);
        try
        {
            var cap = Select($"SELECT * FROM {t}_v", [Column("b", ParamType.Integer), Column("z"), Column("zd"), Column("dc"), Column("u"), Column("tm"), Column("y", ParamType.Integer),
                Column("bits"), Column("js"), Column("e"), Column("f", ParamType.Number), Column("dbl", ParamType.Number), Column("ts"), Column("c36"), Column("bin")]);
            AssertSuccess(await RunAsync(cap, []), "{\"rows\":[{\"b\":1,\"bin\":\"hé\",\"bits\":\"A\",\"c36\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"dbl\":1.5,"
                + "\"dc\":\"1234567890123456789012345678901234.000001\",\"e\":\"b\",\"f\":1.1,\"js\":\"{\\\"a\\\":1}\",\"tm\":\"-838:59:59\","
                + "\"ts\":\"2026-05-04T12:00:00.5Z\",\"u\":\"18446744073709551615\",\"y\":2026,\"z\":\"0000-00-00\",\"zd\":\"0000-00-00T00:00:00Z\"}],\"count\":1}");
            AssertFailure(await RunAsync(Select($"SELECT u FROM {t}_v", [Column("u", ParamType.Integer)]), []), PublicErrors.QueryFailed);
        }
        finally
        {
            await Target.AdminAsync([$"DROP TABLE {t}_v"]);
        }
    }

    [Fact]
    public async Task Affected_rows_count_changed_rows_only()
    {
        var t = await TableAsync();
        AssertSuccess(await RunAsync(Dml($"UPDATE {t} SET qty = qty WHERE id <= 2"), []), "{\"count\":0}");
        AssertSuccess(await RunAsync(Dml($"UPDATE {t} SET qty = 7 WHERE id <= 2"), []), "{\"count\":1}");
    }

    [Fact]
    public async Task Booleans_are_bound_as_one_and_zero()
    {
        var t = await TableAsync();
        var cap = Select($"SELECT COUNT(*) AS n FROM {t} WHERE ? = 1", [Column("n", ParamType.Integer)], parameterNames: ["flag"]) with
        {
            Parameters = [new ParameterSpec { Name = "flag", Type = ParamType.Boolean }],
        };
        AssertSuccess(await RunAsync(cap, [true]), "{\"rows\":[{\"n\":3}],\"count\":1}");
        AssertSuccess(await RunAsync(cap, [false]), "{\"rows\":[{\"n\":0}],\"count\":1}");
    }

    [Fact]
    public async Task Readonly_capability_cannot_write_through_a_stored_function()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"CREATE TABLE {t}_log (n INT) ENGINE=InnoDB", $"CREATE FUNCTION {t}_w() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO {t}_log VALUES (1); RETURN 1; END"]);
        try
        {
            var select = Select($"SELECT {t}_w() AS v", [Column("v", ParamType.Integer)]);
            var record = AssertFailure(await RunAsync(select, []), PublicErrors.QueryFailed);
            Assert.StartsWith("readonly session refused a write: error 1792", record.GetProperty("detail").GetString());
            Assert.Equal(0L, await CountAsync($"{t}_log"));

            // The same statement outside readonly does write: the refusal came from the session, not the function.
            AssertSuccess(await RunAsync(select with { Policy = new EffectivePolicy { Readonly = false } }, []), "{\"rows\":[{\"v\":1}],\"count\":1}");
            Assert.Equal(1L, await CountAsync($"{t}_log"));
        }
        finally
        {
            await Target.AdminAsync([$"DROP FUNCTION IF EXISTS {t}_w", $"DROP TABLE IF EXISTS {t}_log"]);
        }
    }

    [Fact]
    public async Task Readonly_select_for_update_is_refused_by_the_database()
    {
        var t = await TableAsync();
        var record = AssertFailure(await RunAsync(Select($"SELECT id FROM {t} WHERE id = 1 FOR UPDATE", [Column("id", ParamType.Integer)]), []), PublicErrors.QueryFailed);
        Assert.Contains("error 1792", record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Readonly_session_stays_read_only_across_calls_without_a_reset()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"CREATE TABLE {t}_log (n INT) ENGINE=InnoDB", $"CREATE FUNCTION {t}_w() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO {t}_log VALUES (1); RETURN 1; END"]);
        try
        {
            await using var engine = DatabaseEngineFactory.Create(Target.Owner!, 1);
            using var log = AgentDetailLog.Open(LogPath, 1024 * 1024, 2);
            var executor = new CapabilityExecutor(engine, log);
            var token = TestContext.Current.CancellationToken;
            var session = Select("SELECT CONNECTION_ID() AS id", [Column("id", ParamType.Integer)]);
            var first = Utf8(await executor.ExecuteAsync(session, [], "r1", token));
            for (var call = 0; call < 3; call++)
            {
                AssertFailure(await executor.ExecuteAsync(Select($"SELECT {t}_w() AS v", [Column("v", ParamType.Integer)]), [], $"w{call}", token), PublicErrors.QueryFailed, $"w{call}");
            }

            // One physical session served every call: read-only was set once and held.
            Assert.Equal(first, Utf8(await executor.ExecuteAsync(session, [], "r2", token)));
            Assert.Equal(0L, await CountAsync($"{t}_log"));
        }
        finally
        {
            await Target.AdminAsync([$"DROP FUNCTION IF EXISTS {t}_w", $"DROP TABLE IF EXISTS {t}_log"]);
        }
    }

    [Fact]
    public async Task Integer_argument_out_of_range_is_a_stable_validation_error()
    {
        var t = await TableAsync();
        await Target.AdminAsync([$"CREATE FUNCTION {t}_fail(x INT) RETURNS INT DETERMINISTIC RETURN x * 2"]);
        try
        {
            var cap = Select($"SELECT {t}_fail(?) AS v", [Column("v", ParamType.Integer)], name: "fail_fn", parameterNames: ["x"]) with
            {
                Parameters = [new ParameterSpec { Name = "x", Type = ParamType.Integer }],
            };
            AssertSuccess(await RunAsync(cap, [21L]), "{\"rows\":[{\"v\":42}],\"count\":1}");
            var outcome = Assert.IsType<ExecutionOutcome.Failure>(await RunAsync(cap, [3_000_000_000L]));
            Assert.Equal(PublicErrors.ValueOutOfRange, outcome.Error);
            Assert.Contains("error 1264", DetailLogReader.Records(LogPath).Last().GetProperty("detail").GetString());
        }
        finally
        {
            await Target.AdminAsync([$"DROP FUNCTION IF EXISTS {t}_fail"]);
        }
    }
}
