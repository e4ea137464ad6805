using Onprest.Agent.Cli;
using Onprest.Contracts;

namespace Onprest.Agent.Tests.Cli;

/// <summary>docs/cli.md: the dispatcher, version and help.</summary>
public sealed class AgentCliTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await AgentCli.RunAsync(args, new CliContext(stdout, stderr, CancellationToken.None));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("version")]
    [InlineData("--version")]
    [InlineData("-v")]
    public async Task Version_prints_the_build_version(string word)
    {
        var (exit, stdout, stderr) = await Run(word);
        Assert.Equal(0, exit);
        Assert.Equal(BuildInfo.Version + "\n", stdout);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_usage(string word)
    {
        var (exit, stdout, stderr) = await Run(word);
        Assert.Equal(0, exit);
        Assert.Equal(Usage.Text.ReplaceLineEndings("\n"), stdout);
        foreach (var line in new[] { "onprest-agent [--config PATH]", "onprest-agent validate", "onprest-agent doctor", "onprest-agent service install", "onprest-agent version" })
        {
            Assert.Contains(line, stdout, StringComparison.Ordinal);
        }

        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("--unknown")]
    [InlineData("--config")]
    [InlineData("VALIDATE")]
    public async Task Unknown_commands_exit_2(params string[] args)
    {
        var (exit, stdout, stderr) = await Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("onprest-agent: invalid command or arguments\nusage:\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_is_dispatched()
    {
        var (exit, _, stderr) = await Run("validate", "--format", "xml");
        Assert.Equal(2, exit);
        Assert.StartsWith("validate: invalid arguments\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_with_config_flag_runs_end_to_end()
    {
        // Every stage runs: a real SQLite file with the table the capability reads.
        var folder = Directory.CreateTempSubdirectory("onprest-cli-").FullName;
        var path = Path.Combine(folder, "capability.yaml");
        try
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "crm.db")};Pooling=false"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "create table customers (id integer primary key, name text)";
                command.ExecuteNonQuery();
            }

            System.IO.File.WriteAllText(path, Onprest.Agent.Tests.Capabilities.CapabilityYaml.File(
                database: "database:\n  driver: sqlite\n  path: crm.db",
                capabilities: "capabilities:\n  get_customer:\n    sql: select id, name from customers where id = :id\n    params:\n      id: {type: integer, required: true}"));
            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var (exit, stdout, stderr) = await Run("validate", "--config", path);
            Assert.Equal(0, exit);
            Assert.Equal("validation succeeded: driver=sqlite capabilities=1\n", stdout);
            Assert.Empty(stderr);

            System.IO.File.WriteAllText(path, "runtime: {max_concurrent_request: 4}\n");
            (exit, stdout, stderr) = await Run("validate", "-config=" + path, "-format", "json");
            Assert.Equal(1, exit);
            using var failure = System.Text.Json.JsonDocument.Parse(stdout);
            Assert.Equal("capability configuration is invalid", failure.RootElement.GetProperty("message").GetString());
            Assert.Equal(path, failure.RootElement.GetProperty("file").GetString());
            Assert.Equal("runtime.max_concurrent_request", failure.RootElement.GetProperty("field").GetString());
            Assert.Equal("did you mean max_concurrent_requests?", failure.RootElement.GetProperty("fix").GetString());
            Assert.Empty(stderr);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Service_is_dispatched()
    {
        var (exit, stdout, stderr) = await Run("service", "bogus-verb");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("service", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_warns_about_a_capability_file_other_users_may_read_and_shows_validates_config_text()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits do not apply on Windows");
            return;
        }

        var folder = Directory.CreateTempSubdirectory("onprest-cli-").FullName;
        var path = Path.Combine(folder, "capability.yaml");
        try
        {
            System.IO.File.WriteAllText(path, Onprest.Agent.Tests.Capabilities.CapabilityYaml.File(database: "database:\n  driver: sqlite\n  path: missing.db"));
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var (_, stdout, stderr) = await Run("doctor", "--config", path);
            Assert.Equal($"doctor: warning: {path} is readable by other users (mode 640) and holds the agent private key and database password; fix: chmod 600 {path}\n", stderr);
            Assert.StartsWith("doctor config: passed (OK)", stdout, StringComparison.Ordinal);

            System.IO.File.WriteAllText(path, "runtime: {max_concurrent_request: 4}\n");
            var validate = await Run("validate", "--config", path);
            var doctor = await Run("doctor", "--config", path);
            Assert.StartsWith("validate: ", validate.Err, StringComparison.Ordinal);
            Assert.StartsWith("doctor config: failed (CONFIG_INVALID) " + validate.Err["validate: ".Length..].TrimEnd('\n') + "\n", doctor.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
