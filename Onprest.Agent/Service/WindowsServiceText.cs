using System.Globalization;
using System.Text;

namespace Onprest.Agent.Service;

/// <summary>Builds and reads the <c>sc.exe</c> texts of docs/cli.md.</summary>
internal static class WindowsServiceText
{
    /// <summary>The registered command line: <c>"&lt;bin&gt;" --config "&lt;cfg&gt;"</c>.</summary>
    public static string CommandLine(ServiceRegistration registration)
    {
        ServicePaths.EnsureRegistrable(registration);
        if (registration.ExecutablePath.Contains('"') || registration.ConfigPath.Contains('"'))
        {
            throw new ServiceManagerException(ServiceFailure.Operational, "paths containing quotes cannot be registered");
        }

        return $"\"{registration.ExecutablePath}\" --config \"{registration.ConfigPath}\"";
    }

    /// <summary>The state of <c>sc.exe query</c>: the lower-cased last word of the <c>STATE</c> line.</summary>
    public static string? ReadState(string output)
    {
        var value = ReadField(output, "STATE");
        if (value is null)
        {
            return null;
        }

        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : words[^1].ToLowerInvariant();
    }

    /// <summary>The <c>PID</c> of <c>sc.exe queryex</c> when non-zero.</summary>
    public static int? ReadPid(string output) =>
        int.TryParse(ReadField(output, "PID"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;

    /// <summary>Executable and config from the <c>BINARY_PATH_NAME</c> of <c>sc.exe qc</c>.</summary>
    public static (string? ConfigPath, string? ExecutablePath) ReadCommandLine(string output)
    {
        var commandLine = ReadField(output, "BINARY_PATH_NAME");
        if (commandLine is null)
        {
            return (null, null);
        }

        var words = SplitCommandLine(commandLine);
        var config = words.IndexOf("--config") is var index and >= 0 && index + 1 < words.Count ? words[index + 1] : null;
        return (config, words.Count > 0 ? words[0] : null);
    }

    /// <summary>The text after <c>NAME :</c> on the first line whose first word is <paramref name="name"/>.</summary>
    private static string? ReadField(string output, string name)
    {
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && trimmed[..colon].Trim() == name)
            {
                return trimmed[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>Words of a command line: double quotes group, they are not part of the word.</summary>
    private static List<string> SplitCommandLine(string commandLine)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c is ' ' or '\t' && !quoted)
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
