using Onprest.Agent.Logging;

namespace Onprest.Agent.Execution;

/// <summary>
/// The outcome of <c>validate</c>'s stages after <c>config</c> (docs/cli.md), ready for the text or JSON output.
/// Holds the validate lock: dispose it only after the command's output is completely written (docs/configuration.md).
/// </summary>
public sealed class ValidateStagesResult : IDisposable, IAsyncDisposable
{
    private readonly DiagnosticLog? _lock;

    internal ValidateStagesResult(DiagnosticLog? heldLock, string? stage, string? capability, string? message, string? textMessage, string? detailLog, string? cleanupPath)
    {
        _lock = heldLock;
        Stage = stage;
        Capability = capability;
        Message = message;
        TextMessage = textMessage;
        DetailLogPath = detailLog;
        CleanupPath = cleanupPath;
    }

    public bool Valid => Stage is null;

    /// <summary><c>busy</c>, <c>detail_log</c>, <c>database_open</c>, <c>database_ping</c>, <c>capability_explain</c>, <c>canceled</c> or <c>internal</c>.</summary>
    public string? Stage { get; }

    /// <summary>Only for <c>capability_explain</c>.</summary>
    public string? Capability { get; }

    /// <summary>The stage message for JSON output.</summary>
    public string? Message { get; }

    /// <summary>The message after <c>validate: </c> in text output (names the capability for <c>capability_explain</c>).</summary>
    public string? TextMessage { get; }

    /// <summary>Set when a failure record was committed: <c>; see validation detail log: &lt;path&gt;</c> / JSON <c>detail_log</c>.</summary>
    public string? DetailLogPath { get; }

    /// <summary>Set when an incomplete temporary file was left behind: JSON <c>cleanup_path</c>.</summary>
    public string? CleanupPath { get; }

    /// <summary>The complete stderr line of docs/cli.md for a failure.</summary>
    public string TextLine()
    {
        var line = $"validate: {TextMessage}";
        if (DetailLogPath is not null)
        {
            line += $"; see validation detail log: {DetailLogPath}";
        }

        if (CleanupPath is not null)
        {
            line += $"; remove incomplete temporary file after validation exits: {CleanupPath}";
        }

        return line;
    }

    public void Dispose() => _lock?.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
