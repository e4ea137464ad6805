using System.Globalization;

namespace Onprest.Agent.Service;

/// <summary>macOS: a property list plus <c>launchctl</c> in the system domain (docs/cli.md).</summary>
internal sealed class LaunchdServiceManager(string propertyListPath, IProcessRunner runner) : IServiceManager
{
    public const string DefaultPropertyListPath = "/Library/Application Support/Onprest/com.onprest.agent.plist";

    private const string Launchctl = "launchctl";
    private const string Target = "system/" + LaunchdPropertyList.Label;

    public string Native => "launchd";

    public Task InstallAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        if (File.Exists(propertyListPath))
        {
            throw ServiceManagerException.AlreadyInstalled();
        }

        ServicePaths.WriteNewFile(propertyListPath, LaunchdPropertyList.Render(registration));
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureInstalled();
        var bootstrap = await runner.RunAsync(Launchctl, ["bootstrap", "system", propertyListPath], cancellationToken);
        // "Already loaded" has no stable wording or code across macOS releases; a loaded service answers print.
        if (!bootstrap.Succeeded && !await IsLoadedAsync(cancellationToken))
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"launchctl bootstrap failed: {bootstrap.Detail}");
        }

        var kickstart = await runner.RunAsync(Launchctl, ["kickstart", "-k", Target], cancellationToken);
        if (!kickstart.Succeeded)
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"launchctl kickstart failed: {kickstart.Detail}");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        EnsureInstalled();
        var bootout = await runner.RunAsync(Launchctl, ["bootout", Target], cancellationToken);
        // A service that is not loaded is already stopped.
        if (!bootout.Succeeded && await IsLoadedAsync(cancellationToken))
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"launchctl bootout failed: {bootout.Detail}");
        }
    }

    public async Task UninstallAsync(CancellationToken cancellationToken)
    {
        EnsureInstalled();
        try
        {
            await runner.RunAsync(Launchctl, ["bootout", Target], cancellationToken);
        }
        catch (ServiceManagerException)
        {
            // Stopping before removal ignores errors, as on the other platforms.
        }

        ServicePaths.DeleteFile(propertyListPath);
    }

    public async Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(propertyListPath))
        {
            return ServiceStatus.NotInstalled;
        }

        var text = ServicePaths.TryReadText(propertyListPath);
        var (config, binary) = text is null ? (null, null) : LaunchdPropertyList.ReadCustomKeys(text);
        var status = new ServiceStatus(true, ServiceStatus.UnknownState, null, config, binary, propertyListPath);
        try
        {
            var print = await runner.RunAsync(Launchctl, ["print", Target], cancellationToken);
            if (!print.Succeeded)
            {
                return status with { State = "stopped" };
            }

            var pid = ReadPid(print.StandardOutput);
            return pid is null ? status with { State = "loaded" } : status with { State = "running", ProcessId = pid };
        }
        catch (ServiceManagerException)
        {
            return status;
        }
    }

    /// <summary>The <c>pid = N</c> line of <c>launchctl print</c>, present only while the job runs.</summary>
    internal static int? ReadPid(string printOutput)
    {
        foreach (var line in printOutput.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("pid", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0
                && trimmed[..equals].Trim() == "pid"
                && int.TryParse(trimmed[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid > 0)
            {
                return pid;
            }
        }

        return null;
    }

    private async Task<bool> IsLoadedAsync(CancellationToken cancellationToken) =>
        (await runner.RunAsync(Launchctl, ["print", Target], cancellationToken)).Succeeded;

    private void EnsureInstalled()
    {
        if (!File.Exists(propertyListPath))
        {
            throw ServiceManagerException.NotInstalled();
        }
    }
}
