using Onprest.Agent.Execution;

namespace Onprest.Agent.Cli;

/// <summary>
/// The <c>onprest-agent</c> dispatcher (docs/cli.md): one line per command word; no word is run mode (<see cref="RunMode"/>).
/// </summary>
internal static class AgentCli
{
    private static readonly Dictionary<string, IAgentCommand> Commands = new(StringComparer.Ordinal)
    {
        ["version"] = new VersionCommand(),
        ["--version"] = new VersionCommand(),
        ["-v"] = new VersionCommand(),
        ["help"] = new HelpCommand(),
        ["--help"] = new HelpCommand(),
        ["-h"] = new HelpCommand(),
        ["validate"] = new ValidateCommand(new DatabaseValidationStages()),
        ["doctor"] = new DoctorCliCommand(),
        ["service"] = new ServiceCliCommand(),
    };

    /// <summary>Run mode (no command word): <c>onprest-agent [--config PATH] [--capability-file PATH]</c>.</summary>
    private static readonly IAgentCommand RunMode = new RunModeCommand();

    public static async Task<int> RunAsync(string[] args)
    {
        using var signals = new CliSignals();
        return await RunAsync(args, new CliContext(Console.Out, Console.Error, signals.Token)).ConfigureAwait(false);
    }

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        if (args.Count > 0 && Commands.TryGetValue(args[0], out var command))
        {
            return command.ExecuteAsync(args.Skip(1).ToArray(), context);
        }

        // Run mode accepts only its two flags; anything else (a positional word, an unknown flag) is refused.
        if (!CliFlags.TryParse(args, ["config", "capability-file"], out var flags)
            || flags.Positional.Count > 0
            || flags.Help)
        {
            context.Error.Write("onprest-agent: invalid command or arguments\n");
            Usage.Write(context.Error);
            return Task.FromResult(2);
        }

        return RunMode.ExecuteAsync(args, context);
    }
}
