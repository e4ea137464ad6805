using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>The systemd manager (docs/cli.md) against a temporary unit directory and a scripted systemctl.</summary>
public sealed class SystemdServiceManagerTests : IDisposable
{
    private static readonly ServiceRegistration Registration =
        new("/opt/onprest/onprest-agent", "/etc/onprest/capability.yaml", "/opt/onprest");

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeProcessRunner _runner = new();
    private readonly SystemdPaths _paths;

    public SystemdServiceManagerTests()
    {
        _paths = new SystemdPaths(_directory.Combine("system", "onprest-agent.service"), _directory.Combine("run-systemd"));
    }

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private SystemdServiceManager Manager(bool systemdRunning = true)
    {
        if (systemdRunning)
        {
            Directory.CreateDirectory(_paths.BootMarker);
        }

        return new SystemdServiceManager(_paths, _runner);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IServiceManager manager, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new ServiceHostPaths("/opt/onprest/onprest-agent", "/home/op");
        var exit = await ServiceCommand.RunAsync(args, stdout, stderr, manager, host, Token);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Install_writes_the_unit_file_and_reloads()
    {
        await Manager().InstallAsync(Registration, Token);

        Assert.Equal(SystemdUnitFile.Render(Registration), await File.ReadAllTextAsync(_paths.UnitFile, Token));
        Assert.Equal(["systemctl daemon-reload"], _runner.Commands);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                File.GetUnixFileMode(_paths.UnitFile));
        }
    }

    [Fact]
    public async Task Install_never_enables_the_unit()
    {
        await Manager().InstallAsync(Registration, Token);

        Assert.DoesNotContain(_runner.Commands, command => command.Contains("enable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_refuses_to_overwrite()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_paths.UnitFile)!);
        await File.WriteAllTextAsync(_paths.UnitFile, "# mine\n", Token);

        var (exit, stdout, stderr) = await RunAsync(Manager(), "install");

        Assert.Equal((1, "", "service install: onprest-agent is already installed\n"), (exit, stdout, stderr));
        Assert.Equal("# mine\n", await File.ReadAllTextAsync(_paths.UnitFile, Token));
        Assert.Empty(_runner.Commands);
    }

    [Fact]
    public async Task Install_without_systemd_writes_nothing()
    {
        var (exit, stdout, stderr) = await RunAsync(Manager(systemdRunning: false), "install");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal("service install: systemd is not running (the system was not booted with systemd)\n", stderr);
        Assert.False(File.Exists(_paths.UnitFile));
        Assert.Empty(_runner.Commands);
    }

    [Fact]
    public async Task Failed_reload_removes_the_new_unit_file()
    {
        _runner.Answer("systemctl daemon-reload", 1, stderr: "Failed to connect to bus: Host is down\n");

        var (exit, _, stderr) = await RunAsync(Manager(), "install");

        Assert.Equal(1, exit);
        Assert.Equal("service install: systemctl daemon-reload failed: Failed to connect to bus: Host is down\n", stderr);
        Assert.False(File.Exists(_paths.UnitFile));
    }

    [Fact]
    public async Task Install_refuses_line_breaks_before_writing()
    {
        var (exit, _, stderr) = await RunAsync(Manager(), "install", "--config", "/etc/a\nb.yaml");

        Assert.Equal(1, exit);
        Assert.Equal("service install: paths containing line breaks or other control characters cannot be registered\n", stderr);
        Assert.False(File.Exists(_paths.UnitFile));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("uninstall")]
    public async Task Commands_on_a_missing_unit_report_not_installed(string command)
    {
        var (exit, stdout, stderr) = await RunAsync(Manager(), command);

        Assert.Equal((1, "", $"service {command}: onprest-agent is not installed\n"), (exit, stdout, stderr));
        Assert.Empty(_runner.Commands);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    public async Task Start_and_stop_run_systemctl(string command)
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.Commands.Clear();

        var (exit, stdout, _) = await RunAsync(manager, command);

        Assert.Equal(0, exit);
        Assert.Equal($"{command}ed onprest-agent\n".Replace("stoped", "stopped", StringComparison.Ordinal), stdout);
        Assert.Equal([$"systemctl {command} onprest-agent"], _runner.Commands);
    }

    [Fact]
    public async Task Failing_systemctl_is_reported_with_its_message()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.Answer("systemctl start onprest-agent", 5, stderr: "Failed to start onprest-agent.service: Access denied\nSee system logs.\n");

        var (exit, _, stderr) = await RunAsync(manager, "start");

        Assert.Equal(1, exit);
        Assert.Equal(
            "service start: systemctl start onprest-agent failed: Failed to start onprest-agent.service: Access denied See system logs.\n",
            stderr);
    }

    [Fact]
    public async Task Silent_failure_reports_the_exit_code()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.Answer("systemctl stop onprest-agent", 3);

        var (_, _, stderr) = await RunAsync(manager, "stop");

        Assert.Equal("service stop: systemctl stop onprest-agent failed: exit code 3\n", stderr);
    }

    [Fact]
    public async Task Uninstall_stops_ignoring_errors_deletes_and_reloads()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.Commands.Clear();
        _runner.Answer("systemctl stop onprest-agent", 5, stderr: "Unit onprest-agent.service not loaded.");

        var (exit, stdout, _) = await RunAsync(manager, "uninstall");

        Assert.Equal((0, "uninstalled onprest-agent\n"), (exit, stdout));
        Assert.Equal(["systemctl stop onprest-agent", "systemctl daemon-reload"], _runner.Commands);
        Assert.False(File.Exists(_paths.UnitFile));
    }

    [Fact]
    public async Task Status_of_a_missing_unit_needs_no_systemd()
    {
        var status = await Manager(systemdRunning: false).GetStatusAsync(Token);

        Assert.Equal(ServiceStatus.NotInstalled, status);
        Assert.Empty(_runner.Commands);
    }

    [Fact]
    public async Task Status_without_systemd_is_unknown_with_the_registration()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        Directory.Delete(_paths.BootMarker);

        var (exit, stdout, _) = await RunAsync(manager, "status");

        Assert.Equal(0, exit);
        Assert.Equal(
            "service: onprest-agent\nnative: systemd\ninstalled: true\nstate: unknown\n"
            + $"config: /etc/onprest/capability.yaml\nbinary: /opt/onprest/onprest-agent\nunit: {_paths.UnitFile}\n",
            stdout);
    }

    [Fact]
    public async Task Status_reads_is_active_and_the_main_pid()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.Answer("systemctl is-active onprest-agent", 0, "active\n");
        _runner.Answer("systemctl show --property=MainPID --value onprest-agent", 0, "4242\n");

        var status = await manager.GetStatusAsync(Token);

        Assert.Equal(
            new ServiceStatus(true, "active", 4242, Registration.ConfigPath, Registration.ExecutablePath, _paths.UnitFile),
            status);
    }

    [Theory]
    [InlineData(3, "inactive\n", "0\n", "inactive", null)]
    [InlineData(3, "failed\n", "", "failed", null)]
    [InlineData(3, "activating\n", "17\n", "activating", 17)]
    [InlineData(1, "", "", "unknown", null)]
    [InlineData(0, "active\n", "junk\n", "active", null)]
    [InlineData(0, "active\n", "-5\n", "active", null)]
    public async Task Status_rows(int exitCode, string isActive, string mainPid, string state, int? pid)
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.Answer("systemctl is-active onprest-agent", exitCode, isActive);
        _runner.Answer("systemctl show --property=MainPID --value onprest-agent", 0, mainPid);

        var status = await manager.GetStatusAsync(Token);

        Assert.Equal((state, pid), (status.State, status.ProcessId));
    }

    [Fact]
    public async Task Status_with_a_missing_systemctl_is_unknown()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.MissingTools.Add("systemctl");

        var status = await manager.GetStatusAsync(Token);

        Assert.Equal(ServiceStatus.UnknownState, status.State);
        Assert.True(status.Installed);
    }

    [Fact]
    public async Task Missing_systemctl_is_an_operational_failure()
    {
        var manager = Manager();
        await manager.InstallAsync(Registration, Token);
        _runner.MissingTools.Add("systemctl");

        var (exit, _, stderr) = await RunAsync(manager, "start");

        Assert.Equal((1, "service start: systemctl is not available\n"), (exit, stderr));
    }

    [Fact]
    public async Task Install_keeps_an_existing_service_account()
    {
        await Manager().InstallAsync(Registration with { User = "svc" }, Token);

        Assert.Equal(["id -u svc", "systemctl daemon-reload"], _runner.Commands);
        Assert.Contains("User=svc\n", await File.ReadAllTextAsync(_paths.UnitFile, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_creates_a_missing_service_account_as_a_system_user_without_login()
    {
        _runner.Answer("id -u svc", 1, stderr: "id: 'svc': no such user");
        await Manager().InstallAsync(Registration with { User = "svc" }, Token);

        Assert.Equal(
            ["id -u svc", "useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin svc", "systemctl daemon-reload"],
            _runner.Commands);
    }

    [Fact]
    public async Task A_failing_useradd_writes_no_unit_and_says_what_to_do()
    {
        _runner.Answer("id -u svc", 1);
        _runner.Answer("useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin svc", 1, stderr: "useradd: Permission denied.");
        var (exit, _, stderr) = await RunAsync(Manager(), "install", "--user", "svc");

        Assert.Equal(1, exit);
        Assert.Contains("user svc does not exist and useradd failed: useradd: Permission denied.; create it, or pass --user with an existing account", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_paths.UnitFile));
    }

    [Fact]
    public async Task The_cli_installs_for_the_default_account_unless_told_otherwise()
    {
        var (exit, _, _) = await RunAsync(Manager(), "install");
        Assert.Equal(0, exit);
        Assert.Equal("id -u onprest-agent", _runner.Commands[0]);
        Assert.Contains("User=onprest-agent\n", await File.ReadAllTextAsync(_paths.UnitFile, Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Root")]
    [InlineData("bad name")]
    [InlineData("-x")]
    [InlineData("a;b")]
    public async Task An_invalid_user_name_is_an_argument_error(string user)
    {
        var (exit, _, stderr) = await RunAsync(Manager(), "install", "--user", user);
        Assert.Equal(2, exit);
        Assert.Contains("--user must be a user name", stderr, StringComparison.Ordinal);
        Assert.Empty(_runner.Commands);
    }
}
