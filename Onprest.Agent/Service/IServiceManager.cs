namespace Onprest.Agent.Service;

/// <summary>
/// One operating system's service manager (docs/cli.md). Failures throw <see cref="ServiceManagerException"/>;
/// <see cref="GetStatusAsync"/> reports an unreachable manager as <see cref="ServiceStatus.UnknownState"/> instead.
/// </summary>
internal interface IServiceManager
{
    /// <summary>The <c>native:</c> word of <c>service status</c>: <c>systemd</c>, <c>launchd</c> or <c>windows-service</c>.</summary>
    string Native { get; }

    /// <summary>Registers the service without enabling it at boot; never overwrites a registration.</summary>
    Task InstallAsync(ServiceRegistration registration, CancellationToken cancellationToken);

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);

    Task UninstallAsync(CancellationToken cancellationToken);

    Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken);
}
