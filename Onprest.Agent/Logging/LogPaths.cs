namespace Onprest.Agent.Logging;

/// <summary>Where the agent's private logs live (logging.md §4.1, §5.1, decision D38).</summary>
public static class LogPaths
{
    /// <summary>The executable's file name without <c>.exe</c>/<c>.dll</c>: <c>onprest-agent</c> for the standard binary.</summary>
    public static string BaseName(string? processPath = null)
    {
        var name = Path.GetFileName(processPath ?? Environment.ProcessPath ?? "onprest-agent");
        foreach (var extension in (ReadOnlySpan<string>)[".exe", ".dll"])
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name.Length == 0 ? "onprest-agent" : name;
    }

    /// <summary>The folder of the running executable.</summary>
    public static string ExecutableDirectory(string? processPath = null)
    {
        var path = processPath ?? Environment.ProcessPath;
        var folder = path is null ? null : Path.GetDirectoryName(Path.GetFullPath(path));
        return folder ?? AppContext.BaseDirectory;
    }

    /// <summary><c>&lt;exe dir&gt;/&lt;base&gt;.log</c>.</summary>
    public static string RuntimeLog(string? processPath = null) =>
        Path.Combine(ExecutableDirectory(processPath), BaseName(processPath) + ".log");
}
