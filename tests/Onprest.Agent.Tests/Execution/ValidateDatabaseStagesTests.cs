using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Execution;

/// <summary>docs/cli.md and docs/configuration.md through the validate stages, on SQLite.</summary>
public sealed class ValidateDatabaseStagesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private string Database()
    {
        var path = _folder.File("app.db");
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadWriteCreate;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, email TEXT)";
        command.ExecuteNonQuery();
        return path;
    }

    private Task<ValidateStagesResult> RunAsync(params Capability[] capabilities) =>
        ValidateDatabaseStages.RunAsync(TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = Database() }, capabilities, _folder.Path),
            _folder.Path, "onprest-agent", TimeProvider.System, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Success_leaves_no_diagnostic_log()
    {
        File.WriteAllText(_folder.File("onprest-agent.validate.log"), "");
        File.SetAttributes(_folder.File("onprest-agent.validate.log"), FileAttributes.Normal);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder.File("onprest-agent.validate.log"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var result = await RunAsync(Select("SELECT id FROM customers WHERE email = @p1", [Column("id", ParamType.Integer)], name: "find", parameterNames: ["email"]));
        Assert.True(result.Valid);
        Assert.False(File.Exists(_folder.File("onprest-agent.validate.log")));
    }

    [Fact]
    public async Task Explain_failure_commits_a_record_without_sql_and_names_the_log()
    {
        var sql = "SELECT nope FROM customers";
        using var result = await RunAsync(Select("SELECT id FROM customers", [Column("id")], name: "a_ok"), Select(sql, [Column("nope")], name: "get_customer"));
        Assert.False(result.Valid);
        Assert.Equal("capability_explain", result.Stage);
        Assert.Equal("get_customer", result.Capability);
        Assert.Equal("capability EXPLAIN validation failed", result.Message);
        var logPath = _folder.File("onprest-agent.validate.log");
        Assert.Equal(logPath, result.DetailLogPath);
        Assert.Equal($"validate: capability \"get_customer\" EXPLAIN validation failed; see validation detail log: {logPath}", result.TextLine());
        var record = DetailLogReader.Records(logPath).Single();
        Assert.Equal("capability_explain", record.GetProperty("stage").GetString());
        Assert.Equal("get_customer", record.GetProperty("capability").GetString());
        Assert.False(record.TryGetProperty("error_code", out _));
        Assert.DoesNotContain(sql, File.ReadAllText(logPath));
    }

    [Fact]
    public async Task Missing_database_file_is_the_open_stage_and_names_the_file()
    {
        var configuration = TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = _folder.File("gone.db") }, [], _folder.Path);
        using var result = await ValidateDatabaseStages.RunAsync(configuration, _folder.Path, "onprest-agent", TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.Equal("database_open", result.Stage);
        Assert.Equal(
            $"validate: database could not be opened; sqlite file {_folder.File("gone.db")} does not exist (database.path is relative to the folder of capability.yaml); see validation detail log: " + _folder.File("onprest-agent.validate.log"),
            result.TextLine());
    }

    [Fact]
    public async Task Concurrent_validation_is_busy_and_writes_nothing()
    {
        using var first = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!;
        using var result = await RunAsync();
        Assert.Equal("busy", result.Stage);
        Assert.Equal("validate: another validation is already running", result.TextLine());
        Assert.False(File.Exists(_folder.File("onprest-agent.validate.log")));
    }

    [Fact]
    public async Task Cancelled_run_is_the_canceled_stage()
    {
        var configuration = TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = Database() }, [], _folder.Path);
        using var result = await ValidateDatabaseStages.RunAsync(configuration, _folder.Path, "onprest-agent", TimeProvider.System, new CancellationToken(true));
        Assert.Equal("canceled", result.Stage);
        Assert.Equal("validation canceled", result.Message);
    }
}
