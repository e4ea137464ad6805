using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>A service manager that records calls and fails on request.</summary>
internal sealed class FakeServiceManager : IServiceManager
{
    public List<string> Calls { get; } = [];

    public ServiceRegistration? Installed { get; private set; }

    public ServiceManagerException? Failure { get; set; }

    public ServiceStatus Status { get; set; } = ServiceStatus.NotInstalled;

    public string Native => "systemd";

    public Task InstallAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        Installed = registration;
        return Record("install");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Record("start");

    public Task StopAsync(CancellationToken cancellationToken) => Record("stop");

    public Task UninstallAsync(CancellationToken cancellationToken) => Record("uninstall");

    public async Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await Record("status");
        return Status;
    }

    private Task Record(string call)
    {
        Calls.Add(call);
        return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
    }
}
