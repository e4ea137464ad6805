namespace Onprest.Agent.Service;

/// <summary>Chooses the service manager of the running operating system (docs/cli.md).</summary>
internal static class ServiceManagers
{
    public static IServiceManager ForCurrentPlatform()
    {
        var runner = new ProcessRunner();
        if (OperatingSystem.IsLinux())
        {
            return new SystemdServiceManager(SystemdPaths.Default, runner);
        }

        if (OperatingSystem.IsMacOS())
        {
            return new LaunchdServiceManager(LaunchdServiceManager.DefaultPropertyListPath, runner);
        }

        return OperatingSystem.IsWindows() ? new WindowsServiceManager(runner) : new UnsupportedServiceManager();
    }
}
