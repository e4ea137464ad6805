using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>Arguments, outputs and exit codes of <c>onprest-agent service</c> (docs/cli.md).</summary>
public sealed class ServiceCommandTests
{
    private static readonly ServiceHostPaths Host = OperatingSystem.IsWindows()
        ? new(@"C:\Onprest\onprest-agent.exe", @"C:\work")
        : new("/opt/onprest/onprest-agent", "/home/op");

    private readonly FakeServiceManager _manager = new();

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ServiceCommand.RunAsync(args, stdout, stderr, _manager, Host, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("install", "installed onprest-agent\n", "install")]
    [InlineData("start", "started onprest-agent\n", "start")]
    [InlineData("stop", "stopped onprest-agent\n", "stop")]
    [InlineData("uninstall", "uninstalled onprest-agent\n", "uninstall")]
    [InlineData("remove", "uninstalled onprest-agent\n", "uninstall")]
    public async Task Commands_print_their_line_and_exit_0(string command, string expected, string call)
    {
        var (exit, stdout, stderr) = await RunAsync(command);

        Assert.Equal(0, exit);
        Assert.Equal(expected, stdout);
        Assert.Equal("", stderr);
        Assert.Equal([call], _manager.Calls);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_usage_to_stdout(string command)
    {
        var (exit, stdout, stderr) = await RunAsync(command);

        Assert.Equal(0, exit);
        Assert.Equal(ServiceCommandLine.Usage, stdout);
        Assert.Contains("onprest-agent service install [--config PATH]", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
        Assert.Empty(_manager.Calls);
    }

    [Fact]
    public async Task No_subcommand_prints_usage_to_stderr_and_exits_2()
    {
        var (exit, stdout, stderr) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(ServiceCommandLine.Usage, stderr);
    }

    [Theory]
    [InlineData(new[] { "restart" }, "service: unknown command \"restart\"\n")]
    [InlineData(new[] { "INSTALL" }, "service: unknown command \"INSTALL\"\n")]
    [InlineData(new[] { "" }, "service: unknown command \"\"\n")]
    [InlineData(new[] { "--config", "x" }, "service: unknown command \"--config\"\n")]
    [InlineData(new[] { "start", "extra" }, "service start: unexpected argument \"extra\"\n")]
    [InlineData(new[] { "stop", "--force" }, "service stop: unexpected argument \"--force\"\n")]
    [InlineData(new[] { "status", "a", "b" }, "service status: unexpected argument \"a\"\n")]
    [InlineData(new[] { "uninstall", "x" }, "service uninstall: unexpected argument \"x\"\n")]
    [InlineData(new[] { "remove", "x" }, "service uninstall: unexpected argument \"x\"\n")]
    [InlineData(new[] { "help", "x" }, "service help: unexpected argument \"x\"\n")]
    [InlineData(new[] { "install", "extra" }, "service install: unexpected argument \"extra\"\n")]
    [InlineData(new[] { "install", "--config", "a.yaml", "extra" }, "service install: unexpected argument \"extra\"\n")]
    [InlineData(new[] { "install", "--", "--config" }, "service install: unexpected argument \"--config\"\n")]
    [InlineData(new[] { "install", "-" }, "service install: unexpected argument \"-\"\n")]
    [InlineData(new[] { "install", "--config" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "--config=" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "--config", "" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "--unknown", "x" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "--Config", "x" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "---config", "x" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "--config", "a", "--config", "b" }, "service install: invalid arguments\n")]
    [InlineData(new[] { "install", "--capability-file", "a" }, "service install: invalid arguments\n")]
    public async Task Argument_errors_exit_2(string[] args, string expected)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr);
        Assert.Empty(_manager.Calls);
    }

    [Theory]
    [InlineData("--config", "/etc/onprest/capability.yaml", "/etc/onprest/capability.yaml")]
    [InlineData("--config=/etc/onprest/capability.yaml", null, "/etc/onprest/capability.yaml")]
    [InlineData("-config", "/etc/onprest/capability.yaml", "/etc/onprest/capability.yaml")]
    [InlineData("-config=/etc/onprest/capability.yaml", null, "/etc/onprest/capability.yaml")]
    [InlineData("--config", "conf/capability.yaml", "/home/op/conf/capability.yaml")]
    [InlineData("--config", "../x.yaml", "/home/x.yaml")]
    [InlineData("--config", "-dash.yaml", "/home/op/-dash.yaml")]
    public async Task Install_makes_the_config_path_absolute(string flag, string? value, string expected)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix path rows");
        var args = value is null ? new[] { "install", flag } : ["install", flag, value];

        var (exit, _, _) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Equal(new ServiceRegistration("/opt/onprest/onprest-agent", expected, "/opt/onprest") { User = "onprest-agent" }, _manager.Installed);
    }

    [Fact]
    public async Task Install_defaults_to_capability_yaml_beside_the_executable()
    {
        var (exit, _, _) = await RunAsync("install");

        Assert.Equal(0, exit);
        Assert.Equal(Path.Combine(Host.ExecutableDirectory, "capability.yaml"), _manager.Installed?.ConfigPath);
        Assert.Equal(Host.ExecutableDirectory, _manager.Installed?.WorkingDirectory);
        Assert.Equal(Host.ExecutablePath, _manager.Installed?.ExecutablePath);
    }

    [Theory]
    [InlineData("install", "AlreadyInstalled", "onprest-agent is already installed", "service install: onprest-agent is already installed\n")]
    [InlineData("start", "NotInstalled", "onprest-agent is not installed", "service start: onprest-agent is not installed\n")]
    [InlineData("stop", "NotInstalled", "onprest-agent is not installed", "service stop: onprest-agent is not installed\n")]
    [InlineData("uninstall", "NotInstalled", "onprest-agent is not installed", "service uninstall: onprest-agent is not installed\n")]
    [InlineData("remove", "NotInstalled", "onprest-agent is not installed", "service uninstall: onprest-agent is not installed\n")]
    [InlineData("start", "Operational", "permission denied", "service start: permission denied\n")]
    [InlineData("status", "Operational", "unsupported platform", "service status: unsupported platform\n")]
    public async Task Failures_print_one_line_and_exit_1(string command, string failure, string reason, string expected)
    {
        _manager.Failure = new ServiceManagerException(Enum.Parse<ServiceFailure>(failure), reason);

        var (exit, stdout, stderr) = await RunAsync(command);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr);
    }

    [Fact]
    public async Task Status_of_a_missing_service_prints_four_lines()
    {
        var (exit, stdout, stderr) = await RunAsync("status");

        Assert.Equal(0, exit);
        Assert.Equal("service: onprest-agent\nnative: systemd\ninstalled: false\nstate: not-installed\n", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Status_prints_every_known_line_in_order()
    {
        _manager.Status = new ServiceStatus(true, "active", 4242, "/etc/o/capability.yaml", "/opt/o/onprest-agent", "/etc/systemd/system/onprest-agent.service");

        var (exit, stdout, _) = await RunAsync("status");

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            service: onprest-agent
            native: systemd
            installed: true
            state: active
            pid: 4242
            config: /etc/o/capability.yaml
            binary: /opt/o/onprest-agent
            unit: /etc/systemd/system/onprest-agent.service

            """.ReplaceLineEndings("\n"),
            stdout);
    }

    [Fact]
    public async Task Status_leaves_out_unknown_lines()
    {
        _manager.Status = new ServiceStatus(true, "unknown", null, null, "/opt/o/onprest-agent", "u");

        var (_, stdout, _) = await RunAsync("status");

        Assert.Equal(
            "service: onprest-agent\nnative: systemd\ninstalled: true\nstate: unknown\nbinary: /opt/o/onprest-agent\nunit: u\n",
            stdout);
    }

    [Fact]
    public async Task Public_entry_point_rejects_arguments_without_touching_the_host()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ServiceCommand.RunAsync(["restart"], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Equal("service: unknown command \"restart\"\n", stderr.ToString());
    }
}
