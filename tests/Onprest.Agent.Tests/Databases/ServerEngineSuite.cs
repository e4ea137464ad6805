using System.Text;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Sql;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>Engine-suite additions for server engines: roles, the network between agent and database, wrong credentials.</summary>
public abstract class ServerEngineSuite : EngineSuite
{
    protected ServerEngineSuite(EngineTarget target)
        : base(target)
    {
    }

    [Fact]
    public async Task Select_only_role_cannot_update()
    {
        Require();
        var reader = Target.Reader ?? throw SkipNoRole("reader");
        var cap = Dml("UPDATE ci_accounts SET status = 'closed' WHERE id = 1");
        var record = AssertFailure(await RunAsync(cap, [], reader), PublicErrors.QueryFailed);
        Assert.Contains(Target.Name == "postgres" ? "SQLSTATE 42501" : "error 1142", record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Column_level_update_role_may_change_only_its_column()
    {
        Require();
        var writer = Target.Writer ?? throw SkipNoRole("writer");
        var close = Dml($"UPDATE ci_accounts SET status = {Target.P(1)} WHERE id = 2", parameterNames: ["status"]);
        AssertSuccess(await RunAsync(close, ["closed"], writer), "{\"count\":1}");
        AssertSuccess(await RunAsync(close, ["active"], writer), "{\"count\":1}");
        AssertFailure(await RunAsync(Dml("UPDATE ci_accounts SET balance = 0 WHERE id = 1"), [], writer), PublicErrors.QueryFailed);
        AssertFailure(await RunAsync(Dml("UPDATE ci_accounts SET status = 'bogus' WHERE id = 1"), [], writer), PublicErrors.ConstraintViolation);
    }

    [Fact]
    public async Task Database_going_away_is_unreachable_and_calls_recover_when_it_returns()
    {
        Require();
        var owner = Target.Owner!;
        await using var proxy = new LoopbackProxy(owner.Host, owner.Port);
        var viaProxy = owner with { Host = "127.0.0.1", Port = proxy.Port };
        await using var engine = DatabaseEngineFactory.Create(viaProxy, 2);
        using var log = AgentDetailLog.Open(LogPath, 1024 * 1024, 2);
        var executor = new CapabilityExecutor(engine, log);
        var select = Select("SELECT 1 AS x", [Column("x", ParamType.Integer)]);
        var update = Dml("UPDATE ci_accounts SET status = status WHERE id = -1");
        var token = TestContext.Current.CancellationToken;

        AssertSuccess(await executor.ExecuteAsync(select, [], "r1", token), "{\"rows\":[{\"x\":1}],\"count\":1}");
        proxy.Cut();
        AssertFailure(await executor.ExecuteAsync(select, [], "r2", token), PublicErrors.DbUnreachable, "r2");
        AssertFailure(await executor.ExecuteAsync(update, [], "r3", token), PublicErrors.DbUnreachable, "r3");
        AssertFailure(await executor.ExecuteAsync(select, [], "r4", token), PublicErrors.DbUnreachable, "r4");
        proxy.Restore();
        AssertSuccess(await executor.ExecuteAsync(select, [], "r5", token), "{\"rows\":[{\"x\":1}],\"count\":1}");
        AssertSuccess(await executor.ExecuteAsync(update, [], "r6", token), "{\"count\":0}");
    }

    [Fact]
    public async Task Unreachable_host_fails_the_ping_stage_without_leaking_settings()
    {
        Require();
        await using var proxy = new LoopbackProxy(Target.Owner!.Host, Target.Owner.Port);
        proxy.Cut();
        var settings = Target.Owner with { Host = "127.0.0.1", Port = proxy.Port };
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(settings, [], Path.GetTempPath()), TestContext.Current.CancellationToken);
        Assert.Equal("database_ping", result.Failure!.Stage);
        Assert.Equal("database is unreachable", result.Failure.Message);
        Assert.DoesNotContain(settings.Password, result.Failure.Detail);
    }

    [Fact]
    public async Task Wrong_password_fails_the_ping_stage_with_redacted_detail()
    {
        Require();
        var settings = Target.Owner! with { Password = "wrong-Pa55-" + Guid.NewGuid().ToString("N") };
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(settings, [], Path.GetTempPath()), TestContext.Current.CancellationToken);
        var failure = Assert.IsType<DatabaseCheckFailure>(result.Failure);
        Assert.Equal("database_ping", failure.Stage);
        Assert.Null(failure.Capability);
        Assert.Equal("database is unreachable", failure.Message);
        Assert.DoesNotContain(settings.Password, failure.Detail);
    }

    [Fact]
    public async Task Runtime_startup_failure_writes_one_safe_stderr_line_and_a_redacted_record()
    {
        Require();
        var settings = Target.Owner! with { Password = "wrong-Pa55-" + Guid.NewGuid().ToString("N") };
        using var log = AgentDetailLog.Open(LogPath, 1024 * 1024, 2);
        var stderr = new StringWriter();
        var engine = await AgentStartup.PrepareDatabaseAsync(TestCapabilities.Configuration(settings, [], Path.GetTempPath()), log, stderr, TestContext.Current.CancellationToken);
        Assert.Null(engine);
        Assert.Equal("agent init: agent startup failed; see agent detail log" + Environment.NewLine, stderr.ToString());
        var record = DetailLogReader.Records(LogPath).Single();
        Assert.Equal("AGENT_STARTUP_FAILED", record.GetProperty("error_code").GetString());
        Assert.Equal("agent startup failed", record.GetProperty("message").GetString());
        Assert.Equal("", record.GetProperty("capability").GetString());
        Assert.False(record.TryGetProperty("request_id", out _));
        Assert.StartsWith("database_ping: ", record.GetProperty("detail").GetString());
        Assert.DoesNotContain(settings.Password, File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task Server_refuses_a_second_statement()
    {
        Require();
        AssertFailure(await RunAsync(Select("SELECT 1 AS x; SELECT 2 AS x", [Column("x", ParamType.Integer)]), []), PublicErrors.QueryFailed);
    }

    [Fact]
    public async Task Any_character_works_in_credentials()
    {
        Require();
        // The CI roles have passwords containing @ : / ? # % ; = and a space (.ci/databases.sh).
        AssertSuccess(await RunAsync(Select("SELECT 1 AS x", [Column("x", ParamType.Integer)]), [], Target.Reader ?? Target.Owner), "{\"rows\":[{\"x\":1}],\"count\":1}");
    }

    [Fact]
    public async Task Rows_past_max_rows_are_not_waited_for()
    {
        Require();
        var sql = Target.Name == "postgres"
            ? "SELECT g AS x FROM generate_series(1, 5000000) g"
            : "SELECT seq AS x FROM seq_1_to_5000000";
        if (Target.Name == "mysql" && !await HasSequenceEngineAsync())
        {
            Assert.Skip("the MySQL server has no SEQUENCE engine (MariaDB only)");
        }

        var cap = Select(sql, [Column("x", ParamType.Integer)], new EffectivePolicy { MaxRows = 2, Timeout = TimeSpan.FromSeconds(30) });
        AssertSuccess(await RunAsync(cap, []), "{\"rows\":[{\"x\":1},{\"x\":2}],\"count\":2}");
    }

    protected static Exception SkipNoRole(string role)
    {
        Assert.Skip($"no {role} role configured (see docs/testing.md)");
        return new InvalidOperationException();
    }

    private async Task<bool> HasSequenceEngineAsync()
    {
        try
        {
            return await Target.ScalarAsync("SELECT COUNT(*) FROM information_schema.ENGINES WHERE ENGINE = 'SEQUENCE'") is { } count
                && Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    protected static string Utf8(ExecutionOutcome outcome) => Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(outcome).ResultJson.Span);

    protected static Capability Insert(string sql, params string[] names) => Dml(sql, SqlOperation.Insert, parameterNames: names);
}
