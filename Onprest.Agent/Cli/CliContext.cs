namespace Onprest.Agent.Cli;

/// <summary>Where a command writes and what stops it; tests pass string writers.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation);
