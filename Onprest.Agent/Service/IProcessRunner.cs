namespace Onprest.Agent.Service;

/// <summary>Runs a service-manager tool; a seam so tests can record commands instead of touching the host.</summary>
internal interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed as separate arguments, never
    /// through a shell). Throws <see cref="ServiceManagerException"/> when the tool cannot be started or times out.
    /// </summary>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
