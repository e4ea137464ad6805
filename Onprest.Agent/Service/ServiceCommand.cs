namespace Onprest.Agent.Service;

/// <summary>
/// <c>onprest-agent service install|start|stop|status|uninstall|help</c> (docs/cli.md). Exit codes: 0 done,
/// 1 operational failure or not installed / already installed, 2 argument errors.
/// </summary>
public static class ServiceCommand
{
    /// <summary>Runs the command given the arguments after <c>service</c>.</summary>
    public static Task<int> RunAsync(string[] argsAfterService, TextWriter stdout, TextWriter stderr) =>
        RunAsync(argsAfterService, stdout, stderr, ServiceManagers.ForCurrentPlatform(), ServiceHostPaths.ForCurrentProcess(), CancellationToken.None);

    internal static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter stdout,
        TextWriter stderr,
        IServiceManager manager,
        ServiceHostPaths host,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var invocation = ServiceCommandLine.Parse(args);
        if (invocation.Error is not null)
        {
            await WriteErrorAsync(stderr, invocation.Error);
            return 2;
        }

        try
        {
            switch (invocation.Verb)
            {
                case ServiceVerb.Help:
                    await stdout.WriteAsync(ServiceCommandLine.Usage);
                    return 0;
                case ServiceVerb.Install:
                    await manager.InstallAsync(host.Registration(invocation.Config, invocation.User ?? ServiceIdentity.DefaultUser), cancellationToken);
                    await stdout.WriteLineAsync($"installed {ServiceIdentity.Name}");
                    return 0;
                case ServiceVerb.Start:
                    await manager.StartAsync(cancellationToken);
                    await stdout.WriteLineAsync($"started {ServiceIdentity.Name}");
                    return 0;
                case ServiceVerb.Stop:
                    await manager.StopAsync(cancellationToken);
                    await stdout.WriteLineAsync($"stopped {ServiceIdentity.Name}");
                    return 0;
                case ServiceVerb.Uninstall:
                    await manager.UninstallAsync(cancellationToken);
                    await stdout.WriteLineAsync($"uninstalled {ServiceIdentity.Name}");
                    return 0;
                default:
                    var status = await manager.GetStatusAsync(cancellationToken);
                    await stdout.WriteAsync(FormatStatus(manager.Native, status));
                    return 0;
            }
        }
        catch (ServiceManagerException exception)
        {
            await WriteErrorAsync(stderr, $"service {invocation.CommandName}: {exception.Message}");
            return 1;
        }
    }

    /// <summary>The lines of docs/cli.md, in order; pid, config, binary and unit only when known.</summary>
    internal static string FormatStatus(string native, ServiceStatus status)
    {
        var lines = new List<string>
        {
            $"service: {ServiceIdentity.Name}",
            $"native: {native}",
            $"installed: {(status.Installed ? "true" : "false")}",
            $"state: {status.State}",
        };
        if (status.ProcessId is { } pid)
        {
            lines.Add($"pid: {pid}");
        }

        if (status.ConfigPath is not null)
        {
            lines.Add($"config: {status.ConfigPath}");
        }

        if (status.ExecutablePath is not null)
        {
            lines.Add($"binary: {status.ExecutablePath}");
        }

        if (status.Unit is not null)
        {
            lines.Add($"unit: {status.Unit}");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static async Task WriteErrorAsync(TextWriter stderr, string message)
    {
        await stderr.WriteAsync(message.EndsWith('\n') ? message : message + "\n");
    }
}
