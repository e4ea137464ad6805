using Onprest.Agent.Configuration;

namespace Onprest.Agent.Cli;

/// <summary>
/// Run mode as a dispatcher entry: <c>onprest-agent [--config PATH] [--capability-file PATH]</c> (the dispatcher
/// has already refused other arguments).
/// </summary>
internal sealed class RunModeCommand : IAgentCommand
{
    public Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context)
    {
        if (!CliFlags.TryParse(args, ["config", "capability-file"], out var flags))
        {
            context.Error.Write("onprest-agent: invalid command or arguments\n");
            return Task.FromResult(2);
        }

        return RunCommand.RunAsync(
            stderr => StartupConfiguration.Load(flags["config"], flags["capability-file"], stderr),
            context.Out,
            context.Error,
            context.Cancellation);
    }
}
