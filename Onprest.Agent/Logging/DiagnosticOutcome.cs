namespace Onprest.Agent.Logging;

/// <summary>
/// What happened to a diagnostic record (docs/configuration.md). <see cref="LogPath"/> is set when a failure record was
/// committed; <see cref="CleanupPath"/> when an incomplete temporary file was left behind; <see cref="PublicMessage"/>
/// replaces the stage message when the log itself failed.
/// </summary>
public sealed record DiagnosticOutcome(string? LogPath, string? CleanupPath, string? PublicMessage, string? InternalReason)
{
    public bool Committed => LogPath is not null;
}
