namespace Onprest.Agent.Logging;

/// <summary>The two commands with a diagnostic log (logging.md §5.1); their files are independent.</summary>
public enum DiagnosticKind
{
    Validate,
    Doctor,
}
