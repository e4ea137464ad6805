using Onprest.Contracts.Cli;

namespace Onprest.Agent.Cli;

/// <summary>
/// The agent's view of the shared flag reader (<see cref="CliFlagReader"/>): the last repeated flag wins, and
/// <c>-h</c>/<c>--help</c> ask for help.
/// </summary>
internal sealed class CliFlags
{
    private static readonly HashSet<string> HelpFlags = ["h", "help"];

    private readonly Contracts.Cli.CliFlags _read;

    private CliFlags(Contracts.Cli.CliFlags read) => _read = read;

    public bool Help => _read.Help;

    public IReadOnlyList<string> Positional => _read.Positionals;

    public string? this[string name] => _read[name];

    /// <summary>False for an unknown flag or a value flag without its value.</summary>
    public static bool TryParse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueFlags, out CliFlags flags)
    {
        var read = CliFlagReader.Read(args, valueFlags.ToHashSet(StringComparer.Ordinal), repeatWins: true, HelpFlags);
        flags = new CliFlags(read);
        return read.Ok;
    }
}
