namespace Onprest.Agent.Service;

/// <summary>
/// What <c>service install</c> registers (docs/cli.md): <c>&lt;executable&gt; --config &lt;config&gt;</c>, run in the
/// executable's directory. All paths are absolute.
/// </summary>
internal sealed record ServiceRegistration(string ExecutablePath, string ConfigPath, string WorkingDirectory)
{
    /// <summary>The unprivileged account the service runs as, where the platform's unit format allows one; null = the manager's default.</summary>
    public string? User { get; init; }
}
