namespace Onprest.Agent.Service;

/// <summary>Chooses the service manager of the running operating system (cli.md §5.4–§5.6).</summary>
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
