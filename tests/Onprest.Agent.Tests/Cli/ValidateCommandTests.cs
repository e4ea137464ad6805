using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Cli;
using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Cli;

/// <summary>docs/cli.md: arguments, the config stage, exact outputs and exit codes.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onprest-validate-" + Guid.NewGuid().ToString("N"));

    public ValidateCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string yaml, string name = "capability.yaml")
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, yaml);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(ValidateCommand command, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await command.ExecuteAsync(args, new CliContext(stdout, stderr, CancellationToken.None));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private ValidateCommand Command(IValidationStages? stages = null) =>
        new(stages, (config, capabilityFile) => CapabilityFileLocatorFor(config, capabilityFile));

    private string CapabilityFileLocatorFor(string? config, string? capabilityFile) =>
        Onprest.Agent.Configuration.CapabilityFileLocator.Resolve(config, capabilityFile, null, _folder, _folder);

    [Fact]
    public async Task Success_prints_driver_and_capability_count()
    {
        Write(File("capabilities:\n  a: {sql: select 1}\n  b: {sql: select 2}\n"));
        var (exit, stdout, stderr) = await Run(Command());
        Assert.Equal(0, exit);
        Assert.Equal("validation succeeded: driver=postgres capabilities=2\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Success_as_json()
    {
        Write(File(database: "database: {driver: sqlite, path: x.db}"));
        var (exit, stdout, stderr) = await Run(Command(), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("{\"valid\":true,\"database_driver\":\"sqlite\",\"capabilities\":1}\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Lint_failure_prints_the_message_verbatim()
    {
        Write(File(extra: "runtime: {max_concurrent_requests: 0}"));
        var (exit, stdout, stderr) = await Run(Command());
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Matches(@"^validate: runtime\.max_concurrent_requests must be > 0 \(" + System.Text.RegularExpressions.Regex.Escape(Path.Combine(_folder, "capability.yaml")) + @":\d+:\d+\)\n$", stderr);
    }

    [Fact]
    public async Task Lint_failure_as_json()
    {
        Write(File(extra: "runtime: {max_concurrent_requests: 0}"));
        var (exit, stdout, stderr) = await Run(Command(), "-format=json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("config", json.RootElement.GetProperty("stage").GetString());
        Assert.Equal("runtime.max_concurrent_requests must be > 0", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(Path.Combine(_folder, "capability.yaml"), json.RootElement.GetProperty("file").GetString());
        Assert.True(json.RootElement.GetProperty("line").GetInt32() > 0);
        Assert.Empty(stderr);
    }

    public static TheoryData<string> DecodeTimeFiles() => new()
    {
        File(extra: "runtime: {max_concurrent_request: 4}"),
        File(extra: "defaults: {rate_limit: {requests: 1, per: 1s, burst: 1, window: 1m}}"),
        "a: [1\n",
        "a: 1\n---\nb: 2\n",
        WithCapability("sql: select 1\nannotations: ~"),
        WithCapability("sql: select 1\npolicy: {max_affected_rows: 1.5}"),
        new string('[', 100) + new string(']', 100),
    };

    [Theory]
    [MemberData(nameof(DecodeTimeFiles))]
    public async Task Decode_time_errors_keep_the_fixed_message_and_say_where(string yaml)
    {
        var path = Write(yaml);
        var (exit, stdout, stderr) = await Run(Command());
        Assert.Equal(1, exit);
        Assert.StartsWith("validate: capability configuration is invalid: ", stderr, StringComparison.Ordinal);
        Assert.Contains("(" + path + ":", stderr, StringComparison.Ordinal);
        Assert.EndsWith(")\n", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("parse capability.yaml", stdout + stderr, StringComparison.Ordinal);

        var json = await Run(Command(), "--format", "json");
        Assert.Equal(1, json.Exit);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("capability configuration is invalid", document.RootElement.GetProperty("message").GetString());
        Assert.Equal(path, document.RootElement.GetProperty("file").GetString());
        Assert.True(document.RootElement.GetProperty("line").GetInt32() > 0);
        Assert.Equal(stderr.TrimEnd('\n'), "validate: " + document.RootElement.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Missing_file_names_the_path_and_the_fix()
    {
        var missing = Path.Combine(_folder, "missing.yaml");
        var (exit, _, stderr) = await Run(Command(), "--config", missing);
        Assert.Equal(1, exit);
        Assert.Equal($"validate: capability configuration is invalid: read capability.yaml: file not found; create the file, or name it with --config or AGENT_CAPABILITY_FILE ({missing})\n", stderr);
    }

    [Fact]
    public async Task A_misspelled_key_names_line_column_field_and_the_nearest_key()
    {
        var path = Write(WithCapability("sql: select id from customers where id = :customer_id\nparams:\n  customer_id: {type: integer}\npolicy:\n  max_row: 5"));
        var (exit, _, stderr) = await Run(Command());
        Assert.Equal(1, exit);
        var line = System.IO.File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("max_row:", StringComparison.Ordinal)) + 1;
        Assert.Equal(
            $"validate: capability configuration is invalid: capabilities.get_customer.policy.max_row: field max_row not found in policy definition; did you mean max_rows? ({path}:{line}:7)\n",
            stderr);
    }

    [Theory]
    [InlineData("database:\n  driver: postgres\n  host: h\n  port: 5432\n  name: n\n  user: u\n  pasword: Hunter2-Secret-Value\n", "database.pasword", "did you mean password?")]
    [InlineData("database:\n  driver: postgres\n  password: [Hunter2-Secret-Value]\n", "database.password", null)]
    [InlineData("gateway:\n  url: wss://g.example/ws/agent\n  agent_private_key: {k: Hunter2-Secret-Value}\n", "gateway.agent_private_key", null)]
    public async Task Errors_never_print_the_value(string yaml, string field, string? fix)
    {
        Write(yaml + OneCapability + "\n");
        var (exit, stdout, stderr) = await Run(Command());
        var json = await Run(Command(), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains(field, stderr, StringComparison.Ordinal);
        if (fix is not null)
        {
            Assert.Contains(fix, stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Hunter2", stdout + stderr + json.Out + json.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway:\n  url: [unclosed\n", "yaml: syntax error at line", "capability.yaml:")]
    [InlineData("- just\n- a list\n", "configuration must be a mapping; the file must be a mapping of sections", ":1:1)")]
    [InlineData("just a sentence\n", "configuration must be a mapping; the file must be a mapping of sections", ":1:1)")]
    public async Task Syntax_and_shape_errors_teach(string yaml, string reason, string location)
    {
        Write(yaml);
        var (exit, _, stderr) = await Run(Command());
        Assert.Equal(1, exit);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Contains(location, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_other_users_may_read_is_warned_about_with_the_fix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits do not apply on Windows");
            return;
        }

        var path = Write(File(database: "database: {driver: sqlite, path: x.db}"));
        System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (exit, stdout, stderr) = await Run(Command());
        Assert.Equal(0, exit);
        Assert.Equal("validation succeeded: driver=sqlite capabilities=1\n", stdout);
        Assert.Equal($"validate: warning: {path} is readable by other users (mode 644) and holds the agent private key and database password; fix: chmod 600 {path}\n", stderr);

        System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Empty((await Run(Command())).Err);
    }

    [Fact]
    public async Task Config_flag_wins_over_capability_file_flag()
    {
        Write(File(), "good.yaml");
        Write("a: [\n", "bad.yaml");
        Assert.Equal(0, (await Run(Command(), "--config", "good.yaml", "--capability-file", "bad.yaml")).Exit);
        Assert.Equal(1, (await Run(Command(), "--capability-file", "bad.yaml")).Exit);
        Assert.Equal(0, (await Run(Command(), "--capability-file=good.yaml")).Exit);
    }

    [Theory]
    [InlineData("--format", "yaml")]
    [InlineData("--format", "JSON")]
    [InlineData("--format")]
    [InlineData("--config")]
    [InlineData("--unknown")]
    [InlineData("--unknown", "x")]
    [InlineData("positional")]
    [InlineData("--config", "a.yaml", "extra")]
    [InlineData("---config", "a.yaml")]
    [InlineData("-")]
    public async Task Invalid_arguments_exit_2_with_usage(params string[] args)
    {
        var (exit, stdout, stderr) = await Run(Command(), args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("validate: invalid arguments\nusage:\n", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-help")]
    public async Task Help_prints_usage_to_stdout(string flag)
    {
        var (exit, stdout, stderr) = await Run(Command(), flag);
        Assert.Equal(0, exit);
        Assert.StartsWith("usage:\n", stdout, StringComparison.Ordinal);
        Assert.Contains("onprest-agent validate [--config PATH] [--format text|json]", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Later_stage_failure_text_names_capability_detail_log_and_cleanup_path()
    {
        Write(File());
        var stages = new FixedStages(new ValidationFailure("capability_explain", "capability EXPLAIN validation failed", "get_customer", "/opt/onprest/onprest-agent.validate.log", "/opt/onprest/.onprest-agent.validate.0123456789abcdef0123456789abcdef.tmp"));
        var (exit, stdout, stderr) = await Run(Command(stages));
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal(
            "validate: capability \"get_customer\" EXPLAIN validation failed; see validation detail log: /opt/onprest/onprest-agent.validate.log; remove incomplete temporary file after validation exits: /opt/onprest/.onprest-agent.validate.0123456789abcdef0123456789abcdef.tmp\n",
            stderr);
        Assert.True(stages.Released);
    }

    [Fact]
    public async Task Later_stage_failure_as_json()
    {
        Write(File());
        var stages = new FixedStages(new ValidationFailure("capability_explain", "capability EXPLAIN validation failed", "get_customer", "/opt/onprest/onprest-agent.validate.log"));
        var (exit, stdout, _) = await Run(Command(stages), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Equal(
            "{\"valid\":false,\"stage\":\"capability_explain\",\"capability\":\"get_customer\",\"message\":\"capability EXPLAIN validation failed\",\"detail_log\":\"/opt/onprest/onprest-agent.validate.log\"}\n",
            stdout);
    }

    [Fact]
    public async Task Non_explain_failure_has_no_capability_member()
    {
        Write(File());
        var stages = new FixedStages(new ValidationFailure("database_ping", "database is unreachable", "ignored"));
        var (_, stdout, _) = await Run(Command(stages), "--format", "json");
        Assert.Equal("{\"valid\":false,\"stage\":\"database_ping\",\"message\":\"database is unreachable\"}\n", stdout);
        var text = await Run(Command(stages));
        Assert.Equal("validate: database is unreachable\n", text.Err);
    }

    [Fact]
    public async Task Later_stages_run_only_after_a_valid_configuration()
    {
        Write(File(extra: "runtime: {max_concurrent_requests: 0}"));
        var stages = new FixedStages(null);
        await Run(Command(stages));
        Assert.Null(stages.Seen);

        Write(File());
        var (exit, stdout, _) = await Run(Command(stages));
        Assert.Equal(0, exit);
        Assert.Equal("validation succeeded: driver=postgres capabilities=1\n", stdout);
        Assert.Equal("get_customer", stages.Seen!.Capabilities[0].Name);
    }

    [Fact]
    public async Task Output_failure_exits_1()
    {
        Write(File());
        var stderr = new StringWriter();
        var exit = await Command().ExecuteAsync([], new CliContext(new FailingWriter(), stderr, CancellationToken.None));
        Assert.Equal(1, exit);
        Assert.Equal("validate: output failed\n", stderr.ToString());
    }

    [Fact]
    public async Task Json_output_is_one_valid_json_line()
    {
        Write(File());
        var (_, stdout, _) = await Run(Command(), "--format=json");
        Assert.EndsWith("\n", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stdout.TrimEnd('\n'));
        using var document = JsonDocument.Parse(stdout);
        Assert.True(document.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Secrets_never_reach_the_output()
    {
        const string password = "Pa55w0rd-Secret";
        Write(File(database: "database: {driver: postgres, host: db, port: 5432, name: n, user: u, password: " + password + "}", extra: "runtime: {max_concurrent_requests: 0}"));
        var (_, stdout, stderr) = await Run(Command());
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateKey, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_exception_is_the_internal_stage()
    {
        Write(File());
        var (exit, stdout, _) = await Run(Command(new ThrowingStages(new InvalidOperationException("boom with secret detail"))), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Equal("{\"valid\":false,\"stage\":\"internal\",\"message\":\"validation could not complete\"}\n", stdout);
        var text = await Run(Command(new ThrowingStages(new InvalidOperationException("boom with secret detail"))));
        Assert.Equal("validate: validation could not complete\n", text.Err);
    }

    [Fact]
    public async Task Cancellation_is_the_canceled_stage()
    {
        Write(File());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Command(new ThrowingStages(new OperationCanceledException(cancellation.Token)))
            .ExecuteAsync([], new CliContext(stdout, stderr, cancellation.Token));
        Assert.Equal(1, exit);
        Assert.Equal("validate: validation canceled\n", stderr.ToString());
    }

    private sealed class ThrowingStages(Exception exception) : IValidationStages
    {
        public Task<ValidationRun> RunAsync(AgentConfiguration configuration, CancellationToken cancellationToken) =>
            Task.FromException<ValidationRun>(exception);
    }

    private sealed class FixedStages(ValidationFailure? failure) : IValidationStages, IAsyncDisposable
    {
        public AgentConfiguration? Seen { get; private set; }

        public bool Released { get; private set; }

        public Task<ValidationRun> RunAsync(AgentConfiguration configuration, CancellationToken cancellationToken)
        {
            Seen = configuration;
            return Task.FromResult(new ValidationRun(failure, this));
        }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("broken pipe");
    }
}
