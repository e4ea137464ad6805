namespace Onprest.Agent.Service;

/// <summary>
/// The running executable and the directory relative <c>--config</c> paths are resolved against (docs/cli.md:
/// "it is made absolute").
/// </summary>
internal sealed record ServiceHostPaths(string ExecutablePath, string CurrentDirectory)
{
    public static ServiceHostPaths ForCurrentProcess()
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "onprest-agent.exe" : "onprest-agent");
        var executable = Environment.ProcessPath;
        // Started as "dotnet onprest-agent.dll" the process is the shared host; register the app host beside the dll.
        if (executable is null || Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            executable = appHost;
        }

        return new ServiceHostPaths(Path.GetFullPath(executable), Environment.CurrentDirectory);
    }

    public string ExecutableDirectory => Path.GetDirectoryName(ExecutablePath) ?? CurrentDirectory;

    /// <summary>
    /// What <c>install</c> registers: <paramref name="config"/> made absolute, or <c>capability.yaml</c> beside
    /// the executable when omitted; run in the executable's directory (docs/cli.md).
    /// </summary>
    public ServiceRegistration Registration(string? config, string? user = null) => new(
        ExecutablePath,
        config is null
            ? Path.Combine(ExecutableDirectory, "capability.yaml")
            : Path.GetFullPath(config, CurrentDirectory),
        ExecutableDirectory)
    {
        User = user,
    };
}
