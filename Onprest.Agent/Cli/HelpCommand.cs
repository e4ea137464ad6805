namespace Onprest.Agent.Cli;

/// <summary><c>help</c>, <c>--help</c>, <c>-h</c>: usage on stdout, exit 0 (docs/cli.md).</summary>
internal sealed class HelpCommand : IAgentCommand
{
    public Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context)
    {
        Usage.Write(context.Out);
        return Task.FromResult(0);
    }
}
