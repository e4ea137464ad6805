using System.Globalization;

namespace Onprest.Agent.Service;

/// <summary>Linux: a unit file plus <c>systemctl</c> (docs/cli.md).</summary>
internal sealed class SystemdServiceManager(SystemdPaths paths, IProcessRunner runner) : IServiceManager
{
    private const string Systemctl = "systemctl";

    public string Native => "systemd";

    public async Task InstallAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        if (File.Exists(paths.UnitFile))
        {
            throw ServiceManagerException.AlreadyInstalled();
        }

        var text = SystemdUnitFile.Render(registration);
        EnsureSystemdRunning();
        if (registration.User is { } user)
        {
            await EnsureUserAsync(user, cancellationToken);
        }

        ServicePaths.WriteNewFile(paths.UnitFile, text);
        try
        {
            await RunSystemctlAsync(cancellationToken, "daemon-reload");
        }
        catch (ServiceManagerException)
        {
            // A unit systemd never loaded would block the next install attempt ("already installed").
            File.Delete(paths.UnitFile);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => ControlAsync("start", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => ControlAsync("stop", cancellationToken);

    public async Task UninstallAsync(CancellationToken cancellationToken)
    {
        EnsureInstalled();
        EnsureSystemdRunning();
        try
        {
            await runner.RunAsync(Systemctl, ["stop", ServiceIdentity.Name], cancellationToken);
        }
        catch (ServiceManagerException)
        {
            // docs/cli.md: uninstall stops the service ignoring errors.
        }

        ServicePaths.DeleteFile(paths.UnitFile);
        await RunSystemctlAsync(cancellationToken, "daemon-reload");
    }

    public async Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        // Reading status needs no systemd while the unit file is absent (docs/cli.md).
        if (!File.Exists(paths.UnitFile))
        {
            return ServiceStatus.NotInstalled;
        }

        var text = ServicePaths.TryReadText(paths.UnitFile);
        var (config, binary) = text is null ? (null, null) : SystemdUnitFile.ReadComments(text);
        var status = new ServiceStatus(true, ServiceStatus.UnknownState, null, config, binary, paths.UnitFile);
        if (!Directory.Exists(paths.BootMarker))
        {
            return status;
        }

        try
        {
            // is-active exits non-zero for every state but "active" and still prints the state.
            var active = await runner.RunAsync(Systemctl, ["is-active", ServiceIdentity.Name], cancellationToken);
            var state = FirstLine(active.StandardOutput);
            if (state.Length == 0)
            {
                return status;
            }

            var show = await runner.RunAsync(
                Systemctl, ["show", "--property=MainPID", "--value", ServiceIdentity.Name], cancellationToken);
            int? pid = show.Succeeded
                && int.TryParse(FirstLine(show.StandardOutput), NumberStyles.None, CultureInfo.InvariantCulture, out var mainPid)
                && mainPid > 0
                    ? mainPid
                    : null;
            return status with { State = state, ProcessId = pid };
        }
        catch (ServiceManagerException)
        {
            return status;
        }
    }

    // The account the unit runs as: kept when it exists, created as a system account without a login shell or home
    // when it does not (useradd needs root, as writing the unit does).
    private async Task EnsureUserAsync(string user, CancellationToken cancellationToken)
    {
        var exists = await runner.RunAsync("id", ["-u", user], cancellationToken);
        if (exists.Succeeded)
        {
            return;
        }

        ProcessResult created;
        try
        {
            created = await runner.RunAsync(
                "useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", user], cancellationToken);
        }
        catch (ServiceManagerException ex)
        {
            throw new ServiceManagerException(
                ServiceFailure.Operational, $"user {user} does not exist and could not be created ({ex.Message}); create it, or pass --user with an existing account");
        }

        if (!created.Succeeded)
        {
            throw new ServiceManagerException(
                ServiceFailure.Operational, $"user {user} does not exist and useradd failed: {created.Detail}; create it, or pass --user with an existing account");
        }
    }

    private async Task ControlAsync(string verb, CancellationToken cancellationToken)
    {
        EnsureInstalled();
        EnsureSystemdRunning();
        await RunSystemctlAsync(cancellationToken, verb, ServiceIdentity.Name);
    }

    private async Task RunSystemctlAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await runner.RunAsync(Systemctl, arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new ServiceManagerException(
                ServiceFailure.Operational, $"systemctl {string.Join(' ', arguments)} failed: {result.Detail}");
        }
    }

    private void EnsureInstalled()
    {
        if (!File.Exists(paths.UnitFile))
        {
            throw ServiceManagerException.NotInstalled();
        }
    }

    private void EnsureSystemdRunning()
    {
        if (!Directory.Exists(paths.BootMarker))
        {
            throw new ServiceManagerException(
                ServiceFailure.Operational, "systemd is not running (the system was not booted with systemd)");
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
