using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Execution;
using Onprest.Agent.Tests.Support;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Execution;

/// <summary>The <c>IValidationStages</c> seam of the CLI, backed by the database stages.</summary>
public sealed class DatabaseValidationStagesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Failure_maps_to_the_cli_failure_and_holds_the_lock_until_disposed()
    {
        var stages = new DatabaseValidationStages(_folder.Path, "onprest-agent", TimeProvider.System);
        var configuration = TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = _folder.File("missing.db") }, [], _folder.Path);
        var run = await stages.RunAsync(configuration, TestContext.Current.CancellationToken);
        Assert.Equal("database_open", run.Failure!.Stage);
        Assert.Equal($"database could not be opened; sqlite file {_folder.File("missing.db")} does not exist (database.path is relative to the folder of capability.yaml)", run.Failure.Message);
        Assert.Equal(_folder.File("onprest-agent.validate.log"), run.Failure.DetailLog);
        var whileHeld = await stages.RunAsync(configuration, TestContext.Current.CancellationToken);
        Assert.Equal("busy", whileHeld.Failure!.Stage);
        await whileHeld.DisposeAsync();
        await run.DisposeAsync();
        await using var again = await stages.RunAsync(configuration, TestContext.Current.CancellationToken);
        Assert.Equal("database_open", again.Failure!.Stage);
    }

    [Fact]
    public async Task Success_has_no_failure()
    {
        var path = _folder.File("ok.db");
        using (var connection = new SqliteConnection($"Data Source={path};Mode=ReadWriteCreate;Pooling=False"))
        {
            connection.Open();
        }

        var stages = new DatabaseValidationStages(_folder.Path, "onprest-agent", TimeProvider.System);
        var configuration = TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = path }, [Select("SELECT 1 AS x", [Column("x")])], _folder.Path);
        await using var run = await stages.RunAsync(configuration, TestContext.Current.CancellationToken);
        Assert.Null(run.Failure);
    }
}
