using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Sql;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>
/// The engine suite every database runs (docs/agent-databases.md, docs/agent-params.md): each public error code
/// produced by a real engine, results re-read to prove rollbacks, and no secret in any public message.
/// </summary>
public abstract class EngineSuite : IAsyncLifetime
{
    private static readonly HashSet<string> AgentMessages =
    [
        "database query failed", "response exceeds policy.max_bytes", "query exceeded policy.timeout", "database constraint violation",
        "affected rows exceed policy.max_affected_rows", "transaction outcome is unknown", "database is unreachable", "agent internal error",
    ];

    private readonly TempFolder _logs = new();
    private readonly List<string> _tables = [];

    protected EngineSuite(EngineTarget target)
    {
        Target = target;
    }

    protected EngineTarget Target { get; }

    protected string LogPath => _logs.File("onprest-agent.log");

    public async ValueTask InitializeAsync() => await Target.PrepareAsync();

    public async ValueTask DisposeAsync()
    {
        if (Target.Owner is not null)
        {
            foreach (var table in _tables)
            {
                try
                {
                    await Target.AdminAsync(Target.DropTables(table));
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
                {
                    // Cleanup only.
                }
            }
        }

        (Target as IDisposable)?.Dispose();
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Select_returns_declared_columns_sorted_with_null_and_count()
    {
        var t = await TableAsync();
        var cap = Select($"SELECT email, id, name, qty AS extra FROM {t} ORDER BY id", [Column("name"), Column("id", ParamType.Integer), Column("email")]);
        var outcome = await RunAsync(cap, []);
        AssertSuccess(outcome, "{\"rows\":[{\"email\":\"ada@example.com\",\"id\":1,\"name\":\"Ada\"},{\"email\":\"grace@example.com\",\"id\":2,\"name\":null},{\"email\":\"linus@example.com\",\"id\":3,\"name\":\"Linus\"}],\"count\":3}");
    }

    [Fact]
    public async Task Select_binds_values_as_parameters()
    {
        var t = await TableAsync();
        var cap = Select($"SELECT id FROM {t} WHERE email = {Target.P(1)} OR name = {Target.P(2)} ORDER BY id", [Column("id", ParamType.Integer)], parameterNames: ["email", "name"]);
        var outcome = await RunAsync(cap, ["ada@example.com", "x' OR '1'='1"]);
        AssertSuccess(outcome, "{\"rows\":[{\"id\":1}],\"count\":1}");
    }

    [Fact]
    public async Task Huge_hostile_unicode_parameter_is_bound_not_spliced()
    {
        var t = await TableAsync();
        var value = string.Concat(Enumerable.Repeat("Zoë 😀 '; DROP TABLE " + t + "; -- \" \\ ", 20000));
        var cap = Select($"SELECT COUNT(*) AS n FROM {t} WHERE email = {Target.P(1)}", [Column("n", ParamType.Integer)], parameterNames: ["email"]);
        AssertSuccess(await RunAsync(cap, [value]), "{\"rows\":[{\"n\":0}],\"count\":1}");
        Assert.Equal(3L, await CountAsync(t));
    }

    [Fact]
    public async Task Select_truncates_silently_at_max_rows()
    {
        var t = await TableAsync();
        var cap = Select($"SELECT id FROM {t} ORDER BY id", [Column("id", ParamType.Integer)], new EffectivePolicy { MaxRows = 2 });
        AssertSuccess(await RunAsync(cap, []), "{\"rows\":[{\"id\":1},{\"id\":2}],\"count\":2}");
    }

    [Fact]
    public async Task Select_without_result_section_publishes_empty_objects()
    {
        var t = await TableAsync();
        AssertSuccess(await RunAsync(Select($"SELECT id, email FROM {t} ORDER BY id", null), []), "{\"rows\":[{},{},{}],\"count\":3}");
    }

    [Fact]
    public async Task Select_with_no_rows_returns_an_empty_list()
    {
        var t = await TableAsync();
        AssertSuccess(await RunAsync(Select($"SELECT id FROM {t} WHERE id < 0", [Column("id", ParamType.Integer)]), []), "{\"rows\":[],\"count\":0}");
    }

    [Fact]
    public async Task Missing_declared_column_fails_with_detail_naming_it()
    {
        var t = await TableAsync();
        var outcome = await RunAsync(Select($"SELECT id FROM {t}", [Column("id", ParamType.Integer), Column("nope")]), []);
        var record = AssertFailure(outcome, PublicErrors.QueryFailed);
        Assert.Equal("result column \"nope\" was not returned by SQL", record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Column_names_match_case_sensitively()
    {
        var t = await TableAsync();
        AssertFailure(await RunAsync(Select($"SELECT id FROM {t}", [Column("ID", ParamType.Integer)]), []), PublicErrors.QueryFailed);
    }

    [Fact]
    public async Task Coercion_failure_names_the_column_but_not_the_value()
    {
        var t = await TableAsync();
        var outcome = await RunAsync(Select($"SELECT email FROM {t} ORDER BY id", [Column("email", ParamType.Integer)]), []);
        var record = AssertFailure(outcome, PublicErrors.QueryFailed);
        var detail = record.GetProperty("detail").GetString()!;
        Assert.Contains("\"email\"", detail);
        Assert.DoesNotContain("ada@example.com", detail);
    }

    [Fact]
    public async Task Result_over_max_bytes_fails()
    {
        var t = await TableAsync();
        var exact = "{\"rows\":[{\"id\":1},{\"id\":2},{\"id\":3}],\"count\":3}";
        var cap = Select($"SELECT id FROM {t} ORDER BY id", [Column("id", ParamType.Integer)], new EffectivePolicy { MaxBytes = exact.Length });
        AssertSuccess(await RunAsync(cap, []), exact);
        var smaller = cap with { Policy = new EffectivePolicy { MaxBytes = exact.Length - 1 } };
        AssertFailure(await RunAsync(smaller, []), PublicErrors.MaxBytesExceeded);
    }

    [Fact]
    public async Task Select_past_timeout_is_cancelled_at_the_database()
    {
        Require();
        var cap = Select(Target.SleepSelect(5), [Column("x")], new EffectivePolicy { Timeout = TimeSpan.FromMilliseconds(300) });
        AssertFailure(await RunAsync(cap, []), PublicErrors.QueryTimeout);
    }

    [Fact]
    public async Task Select_cancelled_by_the_gateway_ends_as_timeout()
    {
        Require();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var cap = Select(Target.SleepSelect(5), [Column("x")], new EffectivePolicy { Timeout = TimeSpan.FromSeconds(30) });
        AssertFailure(await RunAsync(cap, [], cancel: cancel.Token), PublicErrors.QueryTimeout);
    }

    [Fact]
    public async Task Call_cancelled_before_start_makes_no_database_call()
    {
        Require();
        var cap = Select("SELECT broken syntax here", [Column("x")]);
        AssertFailure(await RunAsync(cap, [], cancel: new CancellationToken(true)), PublicErrors.QueryTimeout);
        AssertFailure(await RunAsync(Dml("UPDATE nothing SET x = 1"), [], cancel: new CancellationToken(true)), PublicErrors.QueryTimeout);
    }

    [Fact]
    public async Task Sql_error_is_query_failed()
    {
        Require();
        AssertFailure(await RunAsync(Select("SELECT no_such_column FROM no_such_table", [Column("x")]), []), PublicErrors.QueryFailed);
    }

    [Fact]
    public async Task Update_returns_only_the_count()
    {
        var t = await TableAsync();
        var cap = Dml($"UPDATE {t} SET qty = qty + 1 WHERE id = {Target.P(1)}", parameterNames: ["id"]);
        AssertSuccess(await RunAsync(cap, [1L]), "{\"count\":1}");
        Assert.Equal(6L, Convert.ToInt64(await Target.ScalarAsync($"SELECT qty FROM {t} WHERE id = 1"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Zero_affected_rows_is_a_success()
    {
        var t = await TableAsync();
        AssertSuccess(await RunAsync(Dml($"DELETE FROM {t} WHERE id = -1", SqlOperation.Delete), []), "{\"count\":0}");
    }

    [Fact]
    public async Task Unique_violation_is_a_constraint_violation()
    {
        var t = await TableAsync();
        var cap = Dml($"INSERT INTO {t} (id, email, qty) VALUES (10, {Target.P(1)}, 1)", SqlOperation.Insert, parameterNames: ["email"]);
        AssertFailure(await RunAsync(cap, ["ada@example.com"]), PublicErrors.ConstraintViolation);
        Assert.Equal(3L, await CountAsync(t));
    }

    [Fact]
    public async Task Foreign_key_violation_is_a_constraint_violation()
    {
        var t = await TableAsync();
        var cap = Dml($"UPDATE {t} SET parent_id = 99 WHERE id = 1");
        AssertFailure(await RunAsync(cap, []), PublicErrors.ConstraintViolation);
        Assert.Equal(1L, Convert.ToInt64(await Target.ScalarAsync($"SELECT parent_id FROM {t} WHERE id = 1"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Not_null_violation_is_a_constraint_violation()
    {
        var t = await TableAsync();
        AssertFailure(await RunAsync(Dml($"UPDATE {t} SET email = NULL WHERE id = 1"), []), PublicErrors.ConstraintViolation);
    }

    [Fact]
    public async Task Check_violation_is_a_constraint_violation()
    {
        var t = await TableAsync();
        AssertFailure(await RunAsync(Dml($"UPDATE {t} SET qty = -1 WHERE id = 2"), []), PublicErrors.ConstraintViolation);
        Assert.Equal(7L, Convert.ToInt64(await Target.ScalarAsync($"SELECT qty FROM {t} WHERE id = 2"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Affected_rows_over_the_limit_are_rolled_back()
    {
        var t = await TableAsync();
        var cap = Dml($"UPDATE {t} SET qty = qty + 100", policy: new EffectivePolicy { Readonly = false, MaxAffectedRows = 2 });
        AssertFailure(await RunAsync(cap, []), PublicErrors.AffectedRowsExceeded);
        Assert.Equal(12L, Convert.ToInt64(await Target.ScalarAsync($"SELECT SUM(qty) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Affected_rows_equal_to_the_limit_commit()
    {
        var t = await TableAsync();
        var cap = Dml($"UPDATE {t} SET qty = qty + 100 WHERE id <= 2", policy: new EffectivePolicy { Readonly = false, MaxAffectedRows = 2 });
        AssertSuccess(await RunAsync(cap, []), "{\"count\":2}");
        Assert.Equal(212L, Convert.ToInt64(await Target.ScalarAsync($"SELECT SUM(qty) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Dml_result_over_max_bytes_is_rolled_back()
    {
        var t = await TableAsync();
        var cap = Dml($"UPDATE {t} SET qty = qty + 1", policy: new EffectivePolicy { Readonly = false, MaxBytes = 10 });
        AssertFailure(await RunAsync(cap, []), PublicErrors.MaxBytesExceeded);
        Assert.Equal(12L, Convert.ToInt64(await Target.ScalarAsync($"SELECT SUM(qty) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Dml_past_timeout_is_rolled_back()
    {
        var t = await TableAsync();
        var cap = Dml(Target.SleepUpdate(t, 5), policy: new EffectivePolicy { Readonly = false, Timeout = TimeSpan.FromMilliseconds(400) });
        AssertFailure(await RunAsync(cap, []), PublicErrors.QueryTimeout);
        Assert.Equal(12L, Convert.ToInt64(await Target.ScalarAsync($"SELECT SUM(qty) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Startup_checks_pass_and_explain_every_capability()
    {
        var t = await TableAsync();
        var caps = new[]
        {
            Select($"SELECT id FROM {t} WHERE email = {Target.P(1)}", [Column("id", ParamType.Integer)], name: "b_find", parameterNames: ["email"]),
            Dml($"UPDATE {t} SET qty = {Target.P(1)} WHERE id = {Target.P(2)}", name: "a_set", parameterNames: ["qty", "id"]) with
            {
                Parameters = [new ParameterSpec { Name = "qty", Type = ParamType.Integer }, new ParameterSpec { Name = "id", Type = ParamType.Integer }],
            },
        };
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(Target.Owner!, caps, _logs.Path), TestContext.Current.CancellationToken);
        Assert.Null(result.Failure);
        Assert.NotNull(result.Engine);
        Assert.Equal(12L, Convert.ToInt64(await Target.ScalarAsync($"SELECT SUM(qty) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Startup_explain_failure_names_the_capability_and_redacts_sql()
    {
        Require();
        var sql = "SELECT id FROM table_that_does_not_exist_anywhere";
        var caps = new[] { Select("SELECT 1 AS x", [Column("x", ParamType.Integer)], name: "a_ok"), Select(sql, [Column("id")], name: "b_bad") };
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(Target.Owner!, caps, _logs.Path), TestContext.Current.CancellationToken);
        var failure = Assert.IsType<DatabaseCheckFailure>(result.Failure);
        Assert.Equal("capability_explain", failure.Stage);
        Assert.Equal("b_bad", failure.Capability);
        Assert.Equal("capability EXPLAIN validation failed", failure.Message);
        Assert.Equal("capability \"b_bad\" EXPLAIN validation failed", failure.TextMessage);
        Assert.DoesNotContain(sql, failure.Detail);
    }

    [Fact]
    public async Task Startup_explain_reports_missing_sql_param()
    {
        Require();
        var cap = Select($"SELECT 1 AS x WHERE 1 = {Target.P(1)}", [Column("x")], name: "a", parameterNames: ["ghost"]) with { Parameters = [] };
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(Target.Owner!, [cap], _logs.Path), TestContext.Current.CancellationToken);
        Assert.Equal("capability_explain", result.Failure!.Stage);
        Assert.Contains("missing sql param: ghost", result.Failure.Detail);
    }

    protected void Require()
    {
        if (Target.Owner is null)
        {
            Assert.Skip(Target.SkipReason);
        }
    }

    protected async Task<string> TableAsync()
    {
        Require();
        var t = Target.ScratchTableName(GetType().Name[..Math.Min(6, GetType().Name.Length)]);
        _tables.Add(t);
        await Target.AdminAsync(Target.CreateTables(t));
        return t;
    }

    protected async Task<long> CountAsync(string table) =>
        Convert.ToInt64(await Target.ScalarAsync($"SELECT COUNT(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);

    protected async Task<ExecutionOutcome> RunAsync(Capability capability, object?[] values, DatabaseSettings? settings = null, CancellationToken? cancel = null, string requestId = "req-1")
    {
        await using var engine = DatabaseEngineFactory.Create(settings ?? Target.Owner!, 4);
        using var log = AgentDetailLog.Open(LogPath, 10 * 1024 * 1024, 3);
        var executor = new CapabilityExecutor(engine, log);
        return await executor.ExecuteAsync(capability, values!, requestId, cancel ?? TestContext.Current.CancellationToken);
    }

    protected static void AssertSuccess(ExecutionOutcome outcome, string expectedJson)
    {
        if (outcome is ExecutionOutcome.Failure failure)
        {
            Assert.Fail($"expected success, got {failure.Error}");
        }

        var success = Assert.IsType<ExecutionOutcome.Success>(outcome);
        Assert.Equal(expectedJson, Encoding.UTF8.GetString(success.ResultJson.Span));
    }

    /// <summary>Asserts the public error, that it is one of the fixed messages, and returns its detail-log record.</summary>
    protected JsonElement AssertFailure(ExecutionOutcome outcome, PublicError expected, string requestId = "req-1")
    {
        if (outcome is ExecutionOutcome.Success success)
        {
            Assert.Fail($"expected {expected.Code}, got success {Encoding.UTF8.GetString(success.ResultJson.Span)}");
        }

        var failure = Assert.IsType<ExecutionOutcome.Failure>(outcome);
        if (failure.Error != expected)
        {
            var last = DetailLogReader.Records(LogPath).LastOrDefault();
            Assert.Fail($"expected {expected.Code}, got {failure.Error.Code}; detail: {(last.ValueKind == JsonValueKind.Object ? last.GetProperty("detail").GetString() : "none")}");
        }

        Assert.Contains(failure.Error.Message, AgentMessages);
        var record = DetailLogReader.Records(LogPath).Last();
        Assert.Equal("agent_error", record.GetProperty("event").GetString());
        Assert.Equal(expected.Code, record.GetProperty("error_code").GetString());
        Assert.Equal(expected.Message, record.GetProperty("message").GetString());
        Assert.Equal(requestId, record.GetProperty("request_id").GetString());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("detail").GetString()));
        return record;
    }
}
