namespace Onprest.Agent.Logging;

/// <summary>The two commands with a diagnostic log (docs/configuration.md); their files are independent.</summary>
public enum DiagnosticKind
{
    Validate,
    Doctor,
}
