using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Cli;

/// <summary>
/// The <c>validate</c> stages after <c>config</c> (docs/cli.md): <c>busy</c>, <c>detail_log</c>, <c>database_open</c>,
/// <c>database_ping</c>, <c>capability_explain</c>, and <c>canceled</c>/<c>internal</c>. Implemented by the database
/// layer; without it, <c>validate</c> runs the <c>config</c> stage only.
/// </summary>
internal interface IValidationStages
{
    /// <summary>Runs the stages in order, stopping at the first failure; never throws for a stage failure.</summary>
    Task<ValidationRun> RunAsync(AgentConfiguration configuration, CancellationToken cancellationToken);
}
