using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Onprest.Agent.Execution;

namespace Onprest.Agent.Telemetry;

/// <summary>
/// The agent's half of the trace (docs/configuration.md): <c>onprest.agent.execute</c> continues the gateway's
/// <c>traceparent</c> from the request frame, and a child <c>onprest.db.execute</c> wraps the database work. Spans and
/// the execution metrics carry the capability name and, on failure, the error code — nothing else.
/// Without a listener (telemetry off) these are no-ops.
/// </summary>
internal static class AgentTelemetry
{
    private static readonly Counter<long> Executions = OnprestTelemetry.Meter.CreateCounter<long>("onprest.agent.executions", description: "Finished executions; the error code label is absent on success.");

    private static readonly Histogram<double> Duration = OnprestTelemetry.Meter.CreateHistogram<double>("onprest.agent.execution.duration", unit: "s", description: "Database time of one execution: connection, statement and reading the result.");

    private static readonly UpDownCounter<long> PoolInUse = OnprestTelemetry.Meter.CreateUpDownCounter<long>("onprest.agent.pool.in_use", description: "Execution slots (runtime.max_concurrent_requests) running a call now.");

    private static int poolSize;

    static AgentTelemetry()
    {
        OnprestTelemetry.Meter.CreateObservableGauge("onprest.agent.pool.size", () => Volatile.Read(ref poolSize), description: "Execution slots configured (runtime.max_concurrent_requests).");
    }

    /// <summary>The configured number of execution slots, reported by <c>onprest.agent.pool.size</c>.</summary>
    public static int PoolSize
    {
        get => Volatile.Read(ref poolSize);
        set => Volatile.Write(ref poolSize, value);
    }

    /// <summary>Starts <c>onprest.agent.execute</c> as a child of the frame's W3C trace context, when it carries a valid one.</summary>
    public static Activity? StartExecute(string capability, string? traceParent, string? traceState)
    {
        var parent = default(ActivityContext);
        if (traceParent is not null)
        {
            _ = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out parent);
        }

        var activity = OnprestTelemetry.Source.StartActivity("onprest.agent.execute", ActivityKind.Server, parent);
        activity?.SetTag(OnprestTelemetry.CapabilityAttribute, capability);
        return activity;
    }

    /// <summary>Starts <c>onprest.db.execute</c> and takes an execution slot until <see cref="Complete"/>.</summary>
    public static Activity? StartDatabase(string capability)
    {
        PoolInUse.Add(1);
        var activity = OnprestTelemetry.Source.StartActivity("onprest.db.execute", ActivityKind.Client);
        activity?.SetTag(OnprestTelemetry.CapabilityAttribute, capability);
        return activity;
    }

    /// <summary>Records the execution metrics and the outcome on both spans.</summary>
    public static void Complete(string capability, ExecutionOutcome outcome, TimeSpan elapsed, Activity? execute, Activity? database)
    {
        var errorCode = (outcome as ExecutionOutcome.Failure)?.Error.Code;
        var tags = new TagList { { OnprestTelemetry.CapabilityAttribute, capability } };
        if (errorCode is not null)
        {
            tags.Add(OnprestTelemetry.ErrorCodeAttribute, errorCode);
        }

        PoolInUse.Add(-1);
        Executions.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        OnprestTelemetry.SetError(database, errorCode);
        OnprestTelemetry.SetError(execute, errorCode);
    }
}
