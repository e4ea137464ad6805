namespace Onprest.Agent.Configuration;

/// <summary>Which capability file is read (docs/capability-yaml.md; the same for run, validate and doctor).</summary>
internal static class CapabilityFileLocator
{
    public const string DefaultFileName = "capability.yaml";
    public const string EnvironmentVariable = "AGENT_CAPABILITY_FILE";

    /// <summary>
    /// Resolves the file to an absolute path: <c>--config</c>, then <c>--capability-file</c>, then
    /// <c>AGENT_CAPABILITY_FILE</c>, then <c>capability.yaml</c> beside the executable. Empty values count as not given.
    /// </summary>
    /// <param name="executableDirectory">The executable's folder, or null/empty when it cannot be determined
    /// (then the file is looked up relative to <paramref name="workingDirectory"/>).</param>
    public static string Resolve(
        string? configFlag,
        string? capabilityFileFlag,
        string? environmentValue,
        string? executableDirectory,
        string workingDirectory)
    {
        foreach (var candidate in new[] { configFlag, capabilityFileFlag, environmentValue })
        {
            if (!string.IsNullOrEmpty(candidate))
            {
                return Path.GetFullPath(candidate, workingDirectory);
            }
        }

        var folder = string.IsNullOrEmpty(executableDirectory) ? workingDirectory : executableDirectory;
        return Path.GetFullPath(DefaultFileName, folder);
    }

    /// <summary>Resolves with the process's environment, executable folder and working directory.</summary>
    public static string Resolve(string? configFlag, string? capabilityFileFlag) =>
        Resolve(
            configFlag,
            capabilityFileFlag,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            ExecutableDirectory(),
            Environment.CurrentDirectory);

    /// <summary>
    /// The executable's folder. <see cref="AppContext.BaseDirectory"/> is the folder of the apphost or of a
    /// single-file bundle (never the extraction folder), which is what "beside the executable" means.
    /// </summary>
    public static string? ExecutableDirectory()
    {
        var baseDirectory = AppContext.BaseDirectory;
        return string.IsNullOrEmpty(baseDirectory) ? null : baseDirectory;
    }
}
