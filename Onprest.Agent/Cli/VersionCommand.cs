using Onprest.Contracts;

namespace Onprest.Agent.Cli;

/// <summary><c>version</c>, <c>--version</c>, <c>-v</c>: the build version and a line feed (docs/cli.md).</summary>
internal sealed class VersionCommand : IAgentCommand
{
    public Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context)
    {
        context.Out.Write(BuildInfo.Version + "\n");
        return Task.FromResult(0);
    }
}
