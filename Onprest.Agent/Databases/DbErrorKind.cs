namespace Onprest.Agent.Databases;

/// <summary>What an engine error means for classification (docs/agent-databases.md steps 2, 3, 5).</summary>
public enum DbErrorKind
{
    /// <summary>Anything else: <c>AGENT_QUERY_FAILED</c> (after the SELECT probe).</summary>
    Other,
    /// <summary><c>AGENT_CONSTRAINT_VIOLATION</c>.</summary>
    Constraint,
    /// <summary><c>AGENT_DB_UNREACHABLE</c>.</summary>
    Unreachable,
    /// <summary>
    /// A value outside the range of the type the database gave it (a parameter the server typed <c>integer</c>
    /// receiving 3000000000, a <c>numeric(5,2)</c> overflow, a date field out of range): <c>AGENT_VALIDATION_FAILED</c>
    /// with the fixed message of <see cref="Onprest.Contracts.Errors.PublicErrors.ValueOutOfRange"/> (docs/database-types.md).
    /// </summary>
    OutOfRange,
    /// <summary>The read-only session of a <c>readonly: true</c> capability refused a write: <c>AGENT_QUERY_FAILED</c>, no probe.</summary>
    ReadOnlyViolation,
}
