using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>The launchd property list and launchctl sequence of docs/cli.md, with a scripted launchctl.</summary>
public sealed class LaunchdServiceManagerTests : IDisposable
{
    private static readonly ServiceRegistration Registration =
        new("/usr/local/onprest/onprest-agent", "/usr/local/etc/onprest/capability.yaml", "/usr/local/onprest");

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeProcessRunner _runner = new();
    private readonly string _plist;

    public LaunchdServiceManagerTests()
    {
        _plist = _directory.Combine("Onprest", "com.onprest.agent.plist");
    }

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private LaunchdServiceManager Manager() => new(_plist, _runner);

    [Fact]
    public void Property_list_has_every_key_of_the_spec()
    {
        Assert.Equal(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
            	<key>Label</key>
            	<string>com.onprest.agent</string>
            	<key>ProgramArguments</key>
            	<array>
            		<string>/usr/local/onprest/onprest-agent</string>
            		<string>--config</string>
            		<string>/usr/local/etc/onprest/capability.yaml</string>
            	</array>
            	<key>WorkingDirectory</key>
            	<string>/usr/local/onprest</string>
            	<key>KeepAlive</key>
            	<true/>
            	<key>RunAtLoad</key>
            	<false/>
            	<key>StandardOutPath</key>
            	<string>/var/log/onprest-agent.stdout.log</string>
            	<key>StandardErrorPath</key>
            	<string>/var/log/onprest-agent.stderr.log</string>
            	<key>OnprestConfig</key>
            	<string>/usr/local/etc/onprest/capability.yaml</string>
            	<key>OnprestBinary</key>
            	<string>/usr/local/onprest/onprest-agent</string>
            </dict>
            </plist>

            """.ReplaceLineEndings("\n"),
            LaunchdPropertyList.Render(Registration));
    }

    [Theory]
    [InlineData("/etc/a&b/<c>.yaml", "/opt/\"q\"/'s'/onprest-agent")]
    [InlineData("/Users/ö/😀 dir/capability.yaml", "/Applications/Onprest Agent/onprest-agent")]
    [InlineData("/c/]]>.yaml", "/opt/<string>x</string>/a")]
    public void Custom_keys_read_back_escaped_paths(string config, string executable)
    {
        var text = LaunchdPropertyList.Render(new ServiceRegistration(executable, config, "/opt"));

        Assert.Equal((config, executable), LaunchdPropertyList.ReadCustomKeys(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<plist><array/></plist>")]
    [InlineData("<plist><dict><key>OnprestConfig</key><integer>1</integer></dict></plist>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><plist><dict><key>OnprestConfig</key><string>&e;</string></dict></plist>")]
    public void Unreadable_property_lists_yield_no_paths(string text)
    {
        Assert.Equal((null, null), LaunchdPropertyList.ReadCustomKeys(text));
    }

    [Fact]
    public async Task Install_writes_the_property_list_without_loading_it()
    {
        await Manager().InstallAsync(Registration, Token);

        Assert.Equal(LaunchdPropertyList.Render(Registration), await File.ReadAllTextAsync(_plist, Token));
        Assert.Empty(_runner.Commands);
    }

    [Fact]
    public async Task Install_refuses_to_overwrite()
    {
        await Manager().InstallAsync(Registration, Token);

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().InstallAsync(Registration, Token));

        Assert.Equal(ServiceFailure.AlreadyInstalled, exception.Failure);
        Assert.Equal("onprest-agent is already installed", exception.Message);
    }

    [Fact]
    public async Task Start_bootstraps_then_kickstarts()
    {
        await Manager().InstallAsync(Registration, Token);

        await Manager().StartAsync(Token);

        Assert.Equal(
            [$"launchctl bootstrap system {_plist}", "launchctl kickstart -k system/com.onprest.agent"],
            _runner.Commands);
    }

    [Fact]
    public async Task Already_loaded_is_not_an_error()
    {
        await Manager().InstallAsync(Registration, Token);
        _runner.Answer($"launchctl bootstrap system {_plist}", 5, stderr: "Bootstrap failed: 5: Input/output error");
        _runner.Answer("launchctl print system/com.onprest.agent", 0, "system/com.onprest.agent = {\n\tstate = waiting\n}");

        await Manager().StartAsync(Token);

        Assert.Equal("launchctl kickstart -k system/com.onprest.agent", _runner.Commands[^1]);
    }

    [Fact]
    public async Task Failing_bootstrap_is_reported()
    {
        await Manager().InstallAsync(Registration, Token);
        _runner.Answer($"launchctl bootstrap system {_plist}", 1, stderr: "Bootstrap failed: 1: Operation not permitted");
        _runner.Answer("launchctl print system/com.onprest.agent", 113);

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().StartAsync(Token));

        Assert.Equal("launchctl bootstrap failed: Bootstrap failed: 1: Operation not permitted", exception.Message);
    }

    [Fact]
    public async Task Stop_of_an_unloaded_service_succeeds()
    {
        await Manager().InstallAsync(Registration, Token);
        _runner.Answer("launchctl bootout system/com.onprest.agent", 3, stderr: "Boot-out failed: 3: No such process");
        _runner.Answer("launchctl print system/com.onprest.agent", 113);

        await Manager().StopAsync(Token);

        Assert.Equal(["launchctl bootout system/com.onprest.agent", "launchctl print system/com.onprest.agent"], _runner.Commands);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("uninstall")]
    public async Task Commands_on_a_missing_property_list_report_not_installed(string command)
    {
        Task Act() => command switch
        {
            "start" => Manager().StartAsync(Token),
            "stop" => Manager().StopAsync(Token),
            _ => Manager().UninstallAsync(Token),
        };

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(Act);

        Assert.Equal(ServiceFailure.NotInstalled, exception.Failure);
        Assert.Empty(_runner.Commands);
    }

    [Fact]
    public async Task Uninstall_boots_out_and_deletes()
    {
        await Manager().InstallAsync(Registration, Token);
        _runner.Answer("launchctl bootout system/com.onprest.agent", 3);

        await Manager().UninstallAsync(Token);

        Assert.False(File.Exists(_plist));
        Assert.Equal(["launchctl bootout system/com.onprest.agent"], _runner.Commands);
    }

    [Theory]
    [InlineData(113, "", "stopped", null)]
    [InlineData(0, "system/com.onprest.agent = {\n\tactive count = 0\n\tstate = waiting\n}\n", "loaded", null)]
    [InlineData(0, "system/com.onprest.agent = {\n\tstate = running\n\tpid = 812\n\tprogram = /usr/local/onprest/onprest-agent\n}\n", "running", 812)]
    [InlineData(0, "\tpid = 0\n", "loaded", null)]
    [InlineData(0, "\tpidfile = 9\n", "loaded", null)]
    public async Task Status_rows(int exitCode, string print, string state, int? pid)
    {
        await Manager().InstallAsync(Registration, Token);
        _runner.Answer("launchctl print system/com.onprest.agent", exitCode, print);

        var status = await Manager().GetStatusAsync(Token);

        Assert.Equal(
            new ServiceStatus(true, state, pid, Registration.ConfigPath, Registration.ExecutablePath, _plist),
            status);
    }

    [Fact]
    public async Task Status_without_launchctl_is_unknown()
    {
        await Manager().InstallAsync(Registration, Token);
        _runner.MissingTools.Add("launchctl");

        Assert.Equal(ServiceStatus.UnknownState, (await Manager().GetStatusAsync(Token)).State);
        Assert.Equal(ServiceStatus.NotInstalled, await new LaunchdServiceManager(_directory.Combine("none.plist"), _runner).GetStatusAsync(Token));
    }
}
