using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Onprest.Agent.Execution;

namespace Onprest.Agent.Telemetry;

/// <summary>
/// The agent's half of the trace (logging.md §2): <c>onprest.agent.execute</c> continues the gateway's
/// <c>traceparent</c> from the request frame, and a child <c>onprest.db.execute</c> wraps the database work. Spans and
/// the execution metrics carry the capability name and, on failure, the error code — nothing else.
/// Without a listener (telemetry off) these are no-ops.
/// </summary>
internal static class AgentTelemetry
{
    private static readonly Counter<long> Executions = OnprestTelemetry.Meter.CreateCounter<long>("onprest.agent.executions");

    private static readonly Histogram<double> Duration = OnprestTelemetry.Meter.CreateHistogram<double>("onprest.agent.execution.duration", unit: "s");

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

    public static Activity? StartDatabase(string capability)
    {
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

        Executions.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        OnprestTelemetry.SetError(database, errorCode);
        OnprestTelemetry.SetError(execute, errorCode);
    }
}
