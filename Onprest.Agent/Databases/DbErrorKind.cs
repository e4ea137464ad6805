namespace Onprest.Agent.Databases;

/// <summary>What an engine error means for classification (execution.md §8.1 steps 2, 3, 5).</summary>
public enum DbErrorKind
{
    /// <summary>Anything else: <c>AGENT_QUERY_FAILED</c> (after the SELECT probe).</summary>
    Other,
    /// <summary>§8.2: <c>AGENT_CONSTRAINT_VIOLATION</c>.</summary>
    Constraint,
    /// <summary>§8.3: <c>AGENT_DB_UNREACHABLE</c>.</summary>
    Unreachable,
}
