using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Execution;

/// <summary>
/// Runs one validated, bound call against the database under the capability's policy (docs/agent-databases.md).
/// The execution deadline (<c>policy.timeout</c>) starts when this is called. <paramref name="cancellationToken"/>
/// is the gateway's cancel frame or the connection loss: a SELECT then ends with <c>AGENT_QUERY_TIMEOUT</c>, a DML
/// rolls back. Never throws for database failures: they are <see cref="ExecutionOutcome.Failure"/>.
/// </summary>
public interface ICapabilityExecutor
{
    /// <param name="boundValues">One value per placeholder occurrence (<see cref="Capability.Prepared"/>), in order.</param>
    Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken);
}
