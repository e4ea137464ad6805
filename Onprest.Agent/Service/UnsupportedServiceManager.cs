namespace Onprest.Agent.Service;

/// <summary>
/// Platforms without a supported service manager (not Linux, macOS or Windows): every command, status included,
/// is an operational failure (docs/cli.md).
/// </summary>
internal sealed class UnsupportedServiceManager : IServiceManager
{
    public string Native => "none";

    public Task InstallAsync(ServiceRegistration registration, CancellationToken cancellationToken) => Fail();

    public Task StartAsync(CancellationToken cancellationToken) => Fail();

    public Task StopAsync(CancellationToken cancellationToken) => Fail();

    public Task UninstallAsync(CancellationToken cancellationToken) => Fail();

    public Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromException<ServiceStatus>(Unsupported());

    private static Task Fail() => Task.FromException(Unsupported());

    private static ServiceManagerException Unsupported() =>
        new(ServiceFailure.Operational, $"unsupported platform {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
}
