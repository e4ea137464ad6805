namespace Onprest.Agent.Cli;

/// <summary>One <c>onprest-agent</c> command (docs/cli.md); registered by one line in <see cref="AgentCli"/>.</summary>
internal interface IAgentCommand
{
    /// <param name="args">The arguments after the command word (for run mode: all arguments).</param>
    /// <returns>The process exit code.</returns>
    Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context);
}
