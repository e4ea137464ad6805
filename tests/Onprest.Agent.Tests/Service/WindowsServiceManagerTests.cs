using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>The sc.exe sequence and output parsing of docs/cli.md, with a scripted sc.exe.</summary>
public sealed class WindowsServiceManagerTests
{
    private const string QueryEx =
        "\r\nSERVICE_NAME: onprest-agent \r\n        TYPE               : 10  WIN32_OWN_PROCESS  \r\n"
        + "        STATE              : 4  RUNNING \r\n                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\r\n"
        + "        WIN32_EXIT_CODE    : 0  (0x0)\r\n        SERVICE_EXIT_CODE  : 0  (0x0)\r\n        CHECKPOINT         : 0x0\r\n"
        + "        WAIT_HINT          : 0x0\r\n        PID                : 5120\r\n        FLAGS              : \r\n";

    private const string Qc =
        "[SC] QueryServiceConfig SUCCESS\r\n\r\nSERVICE_NAME: onprest-agent\r\n        TYPE               : 10  WIN32_OWN_PROCESS \r\n"
        + "        START_TYPE         : 3   DEMAND_START\r\n        ERROR_CONTROL      : 1   NORMAL\r\n"
        + "        BINARY_PATH_NAME   : \"C:\\Program Files\\Onprest\\onprest-agent.exe\" --config \"C:\\ProgramData\\Onprest\\capability.yaml\"\r\n"
        + "        LOAD_ORDER_GROUP   : \r\n        DISPLAY_NAME       : Onprest Agent\r\n";

    private const string Missing = "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\r\n\r\nThe specified service does not exist as an installed service.\r\n";

    private static readonly ServiceRegistration Registration = new(
        @"C:\Program Files\Onprest\onprest-agent.exe", @"C:\ProgramData\Onprest\capability.yaml", @"C:\Program Files\Onprest");

    private readonly FakeProcessRunner _runner = new();

    private CancellationToken Token => TestContext.Current.CancellationToken;

    private WindowsServiceManager Manager() => new(_runner, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Install_creates_a_demand_start_service_with_its_description()
    {
        _runner.Answer("sc.exe query onprest-agent", 1060, Missing);

        await Manager().InstallAsync(Registration, Token);

        Assert.Equal(
            [
                "sc.exe query onprest-agent",
                "sc.exe create onprest-agent binPath= \"C:\\Program Files\\Onprest\\onprest-agent.exe\" --config \"C:\\ProgramData\\Onprest\\capability.yaml\" start= demand DisplayName= Onprest Agent",
                "sc.exe description onprest-agent Onprest on-prem capability agent",
                "sc.exe failure onprest-agent reset= 86400 actions= restart/5000/restart/5000/restart/5000",
                "sc.exe failureflag onprest-agent 1",
            ],
            _runner.Commands);
    }

    [Fact]
    public async Task Failed_recovery_actions_remove_the_new_service()
    {
        _runner.Answer("sc.exe query onprest-agent", 1060, Missing);
        _runner.Answer("sc.exe failureflag onprest-agent 1", 87, "[SC] ChangeServiceConfig2 FAILED 87:");

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().InstallAsync(Registration, Token));

        Assert.StartsWith("sc.exe failureflag failed", exception.Message, StringComparison.Ordinal);
        Assert.Equal("sc.exe delete onprest-agent", _runner.Commands[^1]);
    }

    [Fact]
    public async Task Install_refuses_an_existing_service()
    {
        _runner.Answer("sc.exe query onprest-agent", 0, QueryEx);

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().InstallAsync(Registration, Token));

        Assert.Equal(ServiceFailure.AlreadyInstalled, exception.Failure);
        Assert.Single(_runner.Commands);
    }

    [Fact]
    public async Task Install_reports_access_denied_from_sc()
    {
        _runner.Answer("sc.exe query onprest-agent", 1060, Missing);
        _runner.DefaultAnswer = new ProcessResult(5, "[SC] OpenSCManager FAILED 5:\r\n\r\nAccess is denied.\r\n", "");

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().InstallAsync(Registration, Token));

        Assert.Equal("sc.exe create failed: [SC] OpenSCManager FAILED 5: Access is denied.", exception.Message);
    }

    [Fact]
    public async Task Failed_description_removes_the_new_service()
    {
        _runner.Answer("sc.exe query onprest-agent", 1060, Missing);
        _runner.Answer("sc.exe description onprest-agent Onprest on-prem capability agent", 87, "[SC] ChangeServiceConfig2 FAILED 87:");

        await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().InstallAsync(Registration, Token));

        Assert.Equal("sc.exe delete onprest-agent", _runner.Commands[^1]);
    }

    [Theory]
    [InlineData("\"C:\\a\"b\\x.exe\"", "C:\\c.yaml")]
    [InlineData("C:\\x.exe", "C:\\c\"d.yaml")]
    public async Task Paths_with_quotes_are_refused(string executable, string config)
    {
        var exception = await Assert.ThrowsAsync<ServiceManagerException>(
            () => Manager().InstallAsync(new ServiceRegistration(executable, config, "C:\\"), Token));

        Assert.Equal("paths containing quotes cannot be registered", exception.Message);
        Assert.Empty(_runner.Commands);
    }

    [Theory]
    [InlineData("start", 0)]
    [InlineData("start", 1056)]
    [InlineData("stop", 0)]
    [InlineData("stop", 1062)]
    public async Task Start_and_stop_accept_the_state_already_reached(string command, int exitCode)
    {
        _runner.Answer($"sc.exe {command} onprest-agent", exitCode);

        await (command == "start" ? Manager().StartAsync(Token) : Manager().StopAsync(Token));

        Assert.Equal([$"sc.exe {command} onprest-agent"], _runner.Commands);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("uninstall")]
    public async Task Missing_service_is_not_installed(string command)
    {
        _runner.DefaultAnswer = new ProcessResult(1060, Missing, "");

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => command switch
        {
            "start" => Manager().StartAsync(Token),
            "stop" => Manager().StopAsync(Token),
            _ => Manager().UninstallAsync(Token),
        });

        Assert.Equal(ServiceFailure.NotInstalled, exception.Failure);
    }

    [Fact]
    public async Task Uninstall_stops_deletes_and_waits_for_removal()
    {
        _runner.Answer("sc.exe query onprest-agent", 0, QueryEx);
        _runner.Answer("sc.exe query onprest-agent", 0, QueryEx);
        _runner.Answer("sc.exe query onprest-agent", 1060, Missing);
        _runner.Answer("sc.exe stop onprest-agent", 1062);

        await Manager().UninstallAsync(Token);

        Assert.Equal(
            ["sc.exe query onprest-agent", "sc.exe stop onprest-agent", "sc.exe delete onprest-agent", "sc.exe query onprest-agent", "sc.exe query onprest-agent"],
            _runner.Commands);
    }

    [Fact]
    public async Task Uninstall_gives_up_when_the_service_stays()
    {
        _runner.Answer("sc.exe query onprest-agent", 0, QueryEx);
        _runner.Answer("sc.exe delete onprest-agent", 1072, "[SC] DeleteService FAILED 1072:");

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => Manager().UninstallAsync(Token));

        Assert.Equal("service onprest-agent was not deleted within 0.3s", exception.Message);
        Assert.Equal(ServiceFailure.Operational, exception.Failure);
    }

    [Fact]
    public void Default_deletion_wait_gives_the_spec_message()
    {
        Assert.Equal(
            "service onprest-agent was not deleted within 10s",
            WindowsServiceManager.NotDeletedReason(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Status_reads_state_pid_and_command_line()
    {
        _runner.Answer("sc.exe queryex onprest-agent", 0, QueryEx);
        _runner.Answer("sc.exe qc onprest-agent", 0, Qc);

        var status = await Manager().GetStatusAsync(Token);

        Assert.Equal(
            new ServiceStatus(true, "running", 5120, Registration.ConfigPath, Registration.ExecutablePath, "onprest-agent"),
            status);
    }

    [Fact]
    public async Task Status_of_a_missing_service_is_not_installed()
    {
        _runner.Answer("sc.exe queryex onprest-agent", 1060, Missing);

        Assert.Equal(ServiceStatus.NotInstalled, await Manager().GetStatusAsync(Token));
    }

    [Fact]
    public async Task Status_without_sc_is_unknown()
    {
        _runner.MissingTools.Add("sc.exe");

        Assert.Equal(new ServiceStatus(false, "unknown"), await Manager().GetStatusAsync(Token));
    }

    [Theory]
    [InlineData("        STATE              : 1  STOPPED \r\n        PID                : 0\r\n", "stopped", null)]
    [InlineData("        STATE              : 2  START_PENDING \r\n", "start_pending", null)]
    [InlineData("        STATE              : \r\n", null, null)]
    [InlineData("nothing", null, null)]
    public void State_is_the_lower_cased_last_word(string output, string? state, int? pid)
    {
        Assert.Equal((state, pid), (WindowsServiceText.ReadState(output), WindowsServiceText.ReadPid(output)));
    }

    [Theory]
    [InlineData("BINARY_PATH_NAME   : \"C:\\a b\\x.exe\" --config \"C:\\c d\\e.yaml\"", "C:\\c d\\e.yaml", "C:\\a b\\x.exe")]
    [InlineData("BINARY_PATH_NAME   : C:\\x.exe --config C:\\e.yaml", "C:\\e.yaml", "C:\\x.exe")]
    [InlineData("BINARY_PATH_NAME   : \"C:\\x.exe\"", null, "C:\\x.exe")]
    [InlineData("BINARY_PATH_NAME   : \"C:\\x.exe\" --config", null, "C:\\x.exe")]
    [InlineData("BINARY_PATH_NAME   : ", null, null)]
    [InlineData("", null, null)]
    public void Command_line_yields_config_and_binary(string output, string? config, string? executable)
    {
        Assert.Equal((config, executable), WindowsServiceText.ReadCommandLine(output));
    }
}
