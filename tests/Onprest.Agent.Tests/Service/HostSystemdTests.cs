using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>
/// The real <c>systemctl</c> and <c>/run/systemd/system</c> of the machine running the tests, where systemd is not
/// the init system (containers, CI sandboxes): the spec's messages must appear and nothing may be written.
/// </summary>
public sealed class HostSystemdTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static void SkipUnlessSystemdIsAbsent()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "systemd manager runs on Linux only");
        Assert.SkipWhen(Directory.Exists(SystemdPaths.Default.BootMarker), "systemd is the init system on this machine");
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(SystemdPaths paths, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var manager = new SystemdServiceManager(paths, new ProcessRunner(TimeSpan.FromSeconds(30)));
        var host = new ServiceHostPaths("/opt/onprest/onprest-agent", "/home/op");
        var exit = await ServiceCommand.RunAsync(args, stdout, stderr, manager, host, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("install")]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("uninstall")]
    public async Task Commands_report_that_systemd_is_not_running(string command)
    {
        SkipUnlessSystemdIsAbsent();
        var unit = _directory.Combine("onprest-agent.service");
        if (command != "install")
        {
            await File.WriteAllTextAsync(unit, SystemdUnitFile.Render(new("/opt/a", "/etc/c.yaml", "/opt")), TestContext.Current.CancellationToken);
        }

        var (exit, stdout, stderr) = await RunAsync(SystemdPaths.Default with { UnitFile = unit }, command);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"service {command}: systemd is not running (the system was not booted with systemd)\n", stderr);
        Assert.Equal(command != "install", File.Exists(unit));
    }

    [Fact]
    public async Task Status_is_unknown_without_systemd()
    {
        SkipUnlessSystemdIsAbsent();
        var unit = _directory.Combine("onprest-agent.service");
        await File.WriteAllTextAsync(unit, SystemdUnitFile.Render(new("/opt/a", "/etc/c.yaml", "/opt")), TestContext.Current.CancellationToken);

        var (exit, stdout, _) = await RunAsync(SystemdPaths.Default with { UnitFile = unit }, "status");

        Assert.Equal(0, exit);
        Assert.Equal(
            $"service: onprest-agent\nnative: systemd\ninstalled: true\nstate: unknown\nconfig: /etc/c.yaml\nbinary: /opt/a\nunit: {unit}\n",
            stdout);
    }

    [Fact]
    public async Task Real_systemctl_that_cannot_reach_systemd_yields_unknown_state()
    {
        // Pretend systemd is booted so the real systemctl is asked; here it cannot reach the manager, prints the
        // reason on stderr only, and the state stays unknown.
        SkipUnlessSystemdIsAbsent();
        Assert.SkipUnless(File.Exists("/usr/bin/systemctl") || File.Exists("/bin/systemctl"), "systemctl is not installed");
        var unit = _directory.Combine("onprest-agent.service");
        await File.WriteAllTextAsync(unit, SystemdUnitFile.Render(new("/opt/a", "/etc/c.yaml", "/opt")), TestContext.Current.CancellationToken);
        var marker = Directory.CreateDirectory(_directory.Combine("booted")).FullName;

        var (exit, stdout, _) = await RunAsync(new SystemdPaths(unit, marker), "status");
        var (startExit, _, startError) = await RunAsync(new SystemdPaths(unit, marker), "start");

        Assert.Equal(0, exit);
        Assert.Contains("\nstate: unknown\n", stdout, StringComparison.Ordinal);
        Assert.Equal(1, startExit);
        Assert.StartsWith("service start: systemctl start onprest-agent failed: ", startError, StringComparison.Ordinal);
        Assert.EndsWith("\n", startError, StringComparison.Ordinal);
        Assert.Single(startError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Status_of_a_missing_unit_is_not_installed_without_systemd()
    {
        SkipUnlessSystemdIsAbsent();

        var (exit, stdout, stderr) = await RunAsync(
            SystemdPaths.Default with { UnitFile = _directory.Combine("absent.service") }, "status");

        Assert.Equal((0, "service: onprest-agent\nnative: systemd\ninstalled: false\nstate: not-installed\n", ""), (exit, stdout, stderr));
    }
}
