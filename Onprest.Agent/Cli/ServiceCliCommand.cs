using Onprest.Agent.Service;

namespace Onprest.Agent.Cli;

/// <summary><c>onprest-agent service …</c> (docs/cli.md), implemented in <c>Onprest.Agent.Service</c>.</summary>
internal sealed class ServiceCliCommand : IAgentCommand
{
    public Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context) =>
        ServiceCommand.RunAsync([.. args], context.Out, context.Error);
}
