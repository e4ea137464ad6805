namespace Onprest.Agent.Cli;

/// <summary>
/// The flag syntax shared by both programs (cli.md): <c>--name value</c>, <c>--name=value</c>, <c>-name value</c>,
/// <c>-name=value</c>; flags before positional arguments, <c>--</c> ends the flags, the last repeated flag wins.
/// </summary>
internal sealed class CliFlags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CliFlags()
    {
    }

    public bool Help { get; private set; }

    public List<string> Positional { get; } = [];

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>False for an unknown flag or a value flag without its value.</summary>
    public static bool TryParse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueFlags, out CliFlags flags)
    {
        flags = new CliFlags();
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }

            var body = arg[1] == '-' ? arg[2..] : arg[1..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? body : body[..equals];
            if (name is "h" or "help" && equals < 0)
            {
                flags.Help = true;
                continue;
            }

            if (name.Length == 0 || name[0] == '-' || !valueFlags.Contains(name))
            {
                return false;
            }

            if (equals >= 0)
            {
                flags._values[name] = body[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                flags._values[name] = args[++i];
            }
            else
            {
                return false;
            }
        }

        for (; i < args.Count; i++)
        {
            flags.Positional.Add(args[i]);
        }

        return true;
    }
}
