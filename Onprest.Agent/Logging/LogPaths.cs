using System.Reflection;
using System.Security.Cryptography;

namespace Onprest.Agent.Logging;

/// <summary>
/// Where the agent's private files live (runtime detail log, validate/doctor diagnostic logs, their locks): the data
/// directory, chosen by <c>AGENT_DATA_DIR</c>, else <c>runtime.data_dir</c> in capability.yaml, else the folder of the
/// systemd state directory of the service unit, else the folder of the executable when this user may write there, else
/// the user's local data folder (<c>onprest-agent</c> below it).
/// </summary>
public static class LogPaths
{
    /// <summary>The environment variable that chooses the data directory (it wins over the capability.yaml field).</summary>
    public const string DataDirectoryVariable = "AGENT_DATA_DIR";

    /// <summary>The capability.yaml field that chooses the data directory.</summary>
    public const string DataDirectoryField = "runtime.data_dir";

    private const string DefaultBaseName = "onprest-agent";

    /// <summary>
    /// The program's file name without <c>.exe</c>/<c>.dll</c>: <c>onprest-agent</c> for the standard binary, also
    /// when it runs as <c>dotnet onprest-agent.dll</c> (then the process is the .NET host, not the program).
    /// </summary>
    public static string BaseName(string? processPath = null)
    {
        var name = Path.GetFileName(processPath ?? Environment.ProcessPath ?? DefaultBaseName);
        if (IsDotnetHost(name))
        {
            name = Assembly.GetEntryAssembly()?.GetName().Name ?? DefaultBaseName;
        }

        foreach (var extension in (ReadOnlySpan<string>)[".exe", ".dll"])
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name.Length == 0 ? DefaultBaseName : name;
    }

    /// <summary>The folder of the program (of the .dll when run through the .NET host).</summary>
    public static string ExecutableDirectory(string? processPath = null)
    {
        var path = processPath ?? Environment.ProcessPath;
        if (path is null || IsDotnetHost(Path.GetFileName(path)))
        {
            return AppContext.BaseDirectory;
        }

        return Path.GetDirectoryName(Path.GetFullPath(path)) ?? AppContext.BaseDirectory;
    }

    /// <summary>
    /// The data directory for this run. <paramref name="configured"/> is <c>runtime.data_dir</c> already made absolute
    /// (null when not set); the environment is read here unless <paramref name="environmentValue"/> is given.
    /// </summary>
    public static string DataDirectory(string? configured, string? environmentValue = null, string? executableDirectory = null)
    {
        var fromEnvironment = environmentValue ?? Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        // Set by systemd for a unit with StateDirectory= (what `service install` writes); the first entry is ours.
        var state = Environment.GetEnvironmentVariable("STATE_DIRECTORY");
        if (environmentValue is null && !string.IsNullOrEmpty(state) && Path.IsPathFullyQualified(state.Split(':')[0]))
        {
            return state.Split(':')[0];
        }

        var beside = executableDirectory ?? ExecutableDirectory();
        if (IsWritable(beside))
        {
            return beside;
        }

        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local) ? beside : Path.Combine(local, DefaultBaseName);
    }

    /// <summary><c>&lt;data dir&gt;/&lt;base&gt;.log</c>.</summary>
    public static string RuntimeLog(string dataDirectory) => Path.Combine(dataDirectory, BaseName() + ".log");

    /// <summary>The text that says what to change when <paramref name="directory"/> cannot hold the private files.</summary>
    public static string Unwritable(string directory) =>
        $"directory {directory} is not writable by this user; set {DataDirectoryVariable} or {DataDirectoryField} to a directory it may write";

    /// <summary>Creates the directory (0700 on Unix) when missing; false when this user cannot create or write files in it.</summary>
    public static bool EnsureWritable(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }

        return IsWritable(directory);
    }

    // The only reliable answer across platforms, ACLs and read-only mounts is to try: create and delete a probe file.
    private static bool IsWritable(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        var probe = Path.Combine(directory, $".{BaseName()}.probe.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static bool IsDotnetHost(string fileName) =>
        fileName.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || fileName.Equals("dotnet.exe", StringComparison.OrdinalIgnoreCase);
}
