using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Sql;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Tests.Databases;

/// <summary>
/// Runs matrix cells: the start-up checks (ping and EXPLAIN with the start-up placeholder values) must pass, then
/// the call, validated by the real parameter validator and bound by the engine, must return exactly the expected JSON;
/// INSERT and UPDATE cells read the stored value back with the same declared type.
/// </summary>
public abstract class TypeMatrixSuite<TTarget> : IClassFixture<TypeMatrixFixture<TTarget>>, IDisposable
    where TTarget : EngineTarget, new()
{
    private readonly TypeMatrixFixture<TTarget> _fixture;
    private readonly TempFolder _logs = new();

    protected TypeMatrixSuite(TypeMatrixFixture<TTarget> fixture)
    {
        _fixture = fixture;
    }

    private string LogPath => _logs.File("onprest-agent.log");

    public static TypeMatrix MatrixFor(string engine) => engine switch
    {
        "postgres" => TypeMatrices.Postgres,
        "mysql" => TypeMatrices.MySql,
        "sqlite" => TypeMatrices.Sqlite,
        "sqlserver" => TypeMatrices.SqlServer,
        _ => throw new ArgumentException($"no matrix for {engine}", nameof(engine)),
    };

    public static TheoryData<string> CellIds(TypeMatrix matrix) => [.. matrix.Cells().Select(c => c.Id)];

    public static TheoryData<string> OutOfRangeIds(TypeMatrix matrix) => [.. matrix.OutOfRange.Select(c => c.Id)];

    public void Dispose()
    {
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task RunCellAsync(string id)
    {
        var target = Require();
        var cell = _fixture.Matrix.Cells().Single(c => c.Id == id);
        var t = _fixture.Table;
        if (cell.Setup is not null)
        {
            await target.AdminAsync([cell.Setup.Replace("{t}", t, StringComparison.Ordinal)]);
        }

        var result = cell.Sql.StartsWith("SELECT id", StringComparison.Ordinal) || cell.Sql.StartsWith("SELECT TOP", StringComparison.Ordinal)
            ? [TestCapabilities.Column("id", ParamType.Integer)]
            : new[] { TestCapabilities.Column("v", cell.ReadType) };
        var call = Build("a_cell", cell.Sql.Replace("{t}", t, StringComparison.Ordinal), cell.Spec, result);
        var readback = cell.Readback is null ? null : Build("b_readback", cell.Readback.Replace("{t}", t, StringComparison.Ordinal), null, [TestCapabilities.Column("v", cell.ReadType)]);
        await using var checks = await StartAsync(readback is null ? [call] : [call, readback]);
        using var log = AgentDetailLog.Open(LogPath, 1024 * 1024, 2);
        var executor = new CapabilityExecutor(checks.Engine!, log);
        AssertJson(await executor.ExecuteAsync(call, Bind(call, cell.Json), "r1", TestContext.Current.CancellationToken), cell.Expected);
        if (readback is not null)
        {
            AssertJson(await executor.ExecuteAsync(readback, [], "r2", TestContext.Current.CancellationToken), cell.ReadbackExpected!);
        }
    }

    protected async Task RunOutOfRangeAsync(string id)
    {
        Require();
        var cell = _fixture.Matrix.OutOfRange.Single(c => c.Id == id);
        var sql = cell.Sql.Replace("{t}", _fixture.Table, StringComparison.Ordinal);
        var capability = Build("a_cell", sql, TypeMatrix.Spec(cell.Param), sql.StartsWith("SELECT", StringComparison.Ordinal) ? [TestCapabilities.Column("v")] : null);
        await using var checks = await StartAsync([capability]);
        using var log = AgentDetailLog.Open(LogPath, 1024 * 1024, 2);
        var executor = new CapabilityExecutor(checks.Engine!, log);
        var outcome = await executor.ExecuteAsync(capability, Bind(capability, cell.Json), "r1", TestContext.Current.CancellationToken);
        var failure = Assert.IsType<ExecutionOutcome.Failure>(outcome);
        var record = DetailLogReader.Records(LogPath).Last();
        Assert.True(failure.Error == PublicErrors.ValueOutOfRange, $"expected the out-of-range error, got {failure.Error}; detail: {record.GetProperty("detail").GetString()}");
        Assert.Equal("AGENT_VALIDATION_FAILED", record.GetProperty("error_code").GetString());
        Assert.Equal("param value out of range for the database type", record.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("detail").GetString()));
    }

    private TTarget Require()
    {
        if (_fixture.Target.Owner is null)
        {
            Assert.Skip(_fixture.Target.SkipReason);
        }

        return _fixture.Target;
    }

    private async Task<DatabaseCheckResult> StartAsync(IReadOnlyList<Capability> capabilities)
    {
        var checks = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(_fixture.Target.Owner!, capabilities, _logs.Path), TestContext.Current.CancellationToken);
        if (checks.Failure is { } failure)
        {
            Assert.Fail($"start-up checks failed at {failure.Stage}: {failure.Detail}");
        }

        return checks;
    }

    private Capability Build(string name, string sql, ParameterSpec? spec, IReadOnlyList<ResultColumn>? result)
    {
        var prepared = SqlScanner.Rewrite(sql, _fixture.Matrix.Dialect);
        var operation = SqlScanner.Analyze(sql, _fixture.Matrix.Dialect).Operation;
        return new Capability
        {
            Name = name,
            Sql = sql,
            Operation = operation,
            Prepared = prepared,
            Policy = new EffectivePolicy { Readonly = operation == SqlOperation.Select },
            Parameters = spec is null ? [] : [spec],
            Result = result,
        };
    }

    private static object[] Bind(Capability capability, string json)
    {
        using var document = JsonDocument.Parse(capability.Parameters.Count == 0 ? "{}" : $"{{\"v\":{json}}}");
        var validated = ParamValidator.Validate(capability.Parameters, document.RootElement);
        Assert.True(validated.IsValid, $"params rejected: {validated.Error}");
        Assert.True(ParamValidator.TryBind(capability.Prepared, validated.Values, out var ordered, out var error), error);
        return ordered;
    }

    private void AssertJson(ExecutionOutcome outcome, string expected)
    {
        if (outcome is ExecutionOutcome.Failure failure)
        {
            var detail = DetailLogReader.Records(LogPath).LastOrDefault() is { ValueKind: JsonValueKind.Object } last ? last.GetProperty("detail").GetString() : "none";
            Assert.Fail($"expected success, got {failure.Error.Code} ({failure.Error.Message}); detail: {detail}");
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(outcome).ResultJson.Span));
    }
}
