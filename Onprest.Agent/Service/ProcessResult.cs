namespace Onprest.Agent.Service;

/// <summary>The outcome of one service-manager tool run (<c>systemctl</c>, <c>launchctl</c>, <c>sc.exe</c>).</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The tool's own explanation for an operator: its non-empty output lines joined by spaces (stderr first;
    /// <c>sc.exe</c> writes errors to stdout), or the exit code when it said nothing.
    /// </summary>
    public string Detail
    {
        get
        {
            var lines = (StandardError + "\n" + StandardOutput)
                .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? $"exit code {ExitCode}" : string.Join(' ', lines);
        }
    }
}
