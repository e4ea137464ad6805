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

    /// <summary>
    /// True when <see cref="ExecuteAsync"/> returns to its caller as soon as it waits for the database (a driver with
    /// real asynchronous I/O): starting a call then costs its caller only the call's own CPU work, so the tunnel's
    /// reader may start it itself instead of handing it to another thread (docs/tunnel.md). False for a
    /// driver that runs the whole statement on the calling thread (SQLite).
    /// </summary>
    bool YieldsWhileWaiting => false;
}
