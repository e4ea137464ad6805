namespace Onprest.Agent.Logging;

/// <summary>
/// The result of <see cref="DiagnosticLog.Acquire"/>: the held log, or the stage that failed (<c>busy</c> or
/// <c>detail_log</c>, docs/cli.md) with its public message. Failures here write no record.
/// </summary>
public sealed record DiagnosticAcquireResult(DiagnosticLog? Log, string? FailureStage, string? FailureMessage, string? InternalReason);
