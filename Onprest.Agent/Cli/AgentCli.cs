using Onprest.Contracts;

namespace Onprest.Agent.Cli;

/// <summary>The <c>onprest-agent</c> command line (cli.md §2).</summary>
internal static class AgentCli
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args is ["version"] or ["--version"])
        {
            Console.Out.WriteLine($"onprest-agent {BuildInfo.Version}");
            return Task.FromResult(0);
        }

        Console.Error.WriteLine("onprest-agent: invalid command or arguments");
        return Task.FromResult(2);
    }
}
