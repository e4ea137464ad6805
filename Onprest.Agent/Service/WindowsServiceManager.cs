namespace Onprest.Agent.Service;

/// <summary>Windows: the Service Control Manager through <c>sc.exe</c> (docs/cli.md).</summary>
internal sealed class WindowsServiceManager(IProcessRunner runner, TimeSpan deletionTimeout, TimeSpan pollInterval) : IServiceManager
{
    // sc.exe exits with the Win32 error code of the failed call.
    private const int ServiceDoesNotExist = 1060;
    private const int ServiceAlreadyRunning = 1056;
    private const int ServiceNotActive = 1062;
    private const int ServiceMarkedForDelete = 1072;
    private const int ServiceExists = 1073;
    private const string Sc = "sc.exe";

    public WindowsServiceManager(IProcessRunner runner)
        : this(runner, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(250))
    {
    }

    public string Native => "windows-service";

    public async Task InstallAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        var commandLine = WindowsServiceText.CommandLine(registration);
        if ((await RunScAsync(cancellationToken, "query", ServiceIdentity.Name)).ExitCode != ServiceDoesNotExist)
        {
            throw ServiceManagerException.AlreadyInstalled();
        }

        var create = await RunScAsync(
            cancellationToken,
            "create", ServiceIdentity.Name, "binPath=", commandLine, "start=", "demand", "DisplayName=", ServiceIdentity.DisplayName);
        if (create.ExitCode == ServiceExists)
        {
            throw ServiceManagerException.AlreadyInstalled();
        }

        ThrowIfFailed(create, "sc.exe create");
        var description = await RunScAsync(cancellationToken, "description", ServiceIdentity.Name, ServiceIdentity.Description);
        if (!description.Succeeded)
        {
            // Leave no half-made registration behind: the next install would report "already installed".
            await RunScAsync(cancellationToken, "delete", ServiceIdentity.Name);
            ThrowIfFailed(description, "sc.exe description");
        }

        // Restart after any end the service manager did not ask for: a crash, and (failureflag) a stop with a
        // non-zero exit code, which is how the agent ends when something unforeseen stops it.
        var recovery = await RunScAsync(cancellationToken, "failure", ServiceIdentity.Name, "reset=", "86400", "actions=", "restart/5000/restart/5000/restart/5000");
        var flag = recovery.Succeeded ? await RunScAsync(cancellationToken, "failureflag", ServiceIdentity.Name, "1") : recovery;
        if (!flag.Succeeded)
        {
            await RunScAsync(cancellationToken, "delete", ServiceIdentity.Name);
            ThrowIfFailed(flag, recovery.Succeeded ? "sc.exe failureflag" : "sc.exe failure");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var result = await RunScAsync(cancellationToken, "start", ServiceIdentity.Name);
        if (result.ExitCode != ServiceAlreadyRunning)
        {
            ThrowIfFailed(result, "sc.exe start");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var result = await RunScAsync(cancellationToken, "stop", ServiceIdentity.Name);
        if (result.ExitCode != ServiceNotActive)
        {
            ThrowIfFailed(result, "sc.exe stop");
        }
    }

    public async Task UninstallAsync(CancellationToken cancellationToken)
    {
        if ((await RunScAsync(cancellationToken, "query", ServiceIdentity.Name)).ExitCode == ServiceDoesNotExist)
        {
            throw ServiceManagerException.NotInstalled();
        }

        await RunScAsync(cancellationToken, "stop", ServiceIdentity.Name);
        var delete = await RunScAsync(cancellationToken, "delete", ServiceIdentity.Name);
        if (delete.ExitCode != ServiceMarkedForDelete)
        {
            ThrowIfFailed(delete, "sc.exe delete");
        }

        // The SCM removes a service only when every handle to it is closed.
        var deadline = DateTime.UtcNow + deletionTimeout;
        while ((await RunScAsync(cancellationToken, "query", ServiceIdentity.Name)).ExitCode != ServiceDoesNotExist)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new ServiceManagerException(ServiceFailure.Operational, NotDeletedReason(deletionTimeout));
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    public async Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var query = await RunScAsync(cancellationToken, "queryex", ServiceIdentity.Name);
            if (query.ExitCode == ServiceDoesNotExist)
            {
                return ServiceStatus.NotInstalled;
            }

            var state = query.Succeeded ? WindowsServiceText.ReadState(query.StandardOutput) : null;
            var pid = query.Succeeded ? WindowsServiceText.ReadPid(query.StandardOutput) : null;
            var configuration = await RunScAsync(cancellationToken, "qc", ServiceIdentity.Name);
            var (config, binary) = configuration.Succeeded
                ? WindowsServiceText.ReadCommandLine(configuration.StandardOutput)
                : (null, null);
            return new ServiceStatus(true, state ?? ServiceStatus.UnknownState, pid, config, binary, ServiceIdentity.Name);
        }
        catch (ServiceManagerException)
        {
            // Without sc.exe nothing is known, not even whether the service exists.
            return new ServiceStatus(false, ServiceStatus.UnknownState);
        }
    }

    /// <summary>docs/cli.md: <c>service onprest-agent was not deleted within 10s</c> for the default timeout.</summary>
    internal static string NotDeletedReason(TimeSpan timeout) =>
        $"service {ServiceIdentity.Name} was not deleted within {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s";

    private Task<ProcessResult> RunScAsync(CancellationToken cancellationToken, params string[] arguments) =>
        runner.RunAsync(Sc, arguments, cancellationToken);

    private static void ThrowIfFailed(ProcessResult result, string what)
    {
        if (result.ExitCode == ServiceDoesNotExist)
        {
            throw ServiceManagerException.NotInstalled();
        }

        if (!result.Succeeded)
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"{what} failed: {result.Detail}");
        }
    }
}
