namespace Onprest.Contracts.Cli;

/// <summary>
/// The command-line flag syntax both programs share: <c>--name value</c>, <c>--name=value</c>, <c>-name value</c>
/// and <c>-name=value</c> are equivalent; flags come before positional arguments; <c>--</c> ends the flags; a flag
/// without its value is an error. A failure names the flag, so the operator sees which argument was wrong.
/// </summary>
public static class CliFlagReader
{
    /// <summary>Reads <paramref name="args"/> against the flags in <paramref name="known"/>.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="known">Flag names (without dashes) that take a value.</param>
    /// <param name="repeatWins">True: a repeated flag keeps its last value; false: a repeated flag is an error.</param>
    /// <param name="helpFlags">Names (without dashes) that set <see cref="CliFlags.Help"/> and take no value.</param>
    public static CliFlags Read(IReadOnlyList<string> args, IReadOnlySet<string> known, bool repeatWins = false, IReadOnlySet<string>? helpFlags = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
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
            if (equals < 0 && helpFlags is not null && helpFlags.Contains(name))
            {
                help = true;
                continue;
            }

            if (name.Length == 0 || name[0] == '-' || !known.Contains(name))
            {
                return CliFlags.Failed($"unknown flag {Shown(arg, equals < 0 ? arg.Length : arg.IndexOf('=', StringComparison.Ordinal))}");
            }

            string value;
            if (equals >= 0)
            {
                value = body[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                return CliFlags.Failed($"flag --{name} needs a value");
            }

            if (!repeatWins && values.ContainsKey(name))
            {
                return CliFlags.Failed($"flag --{name} is given more than once");
            }

            values[name] = value;
        }

        var positionals = new List<string>();
        for (; i < args.Count; i++)
        {
            positionals.Add(args[i]);
        }

        return new CliFlags(values, positionals, help, null);
    }

    /// <summary>The flag as typed, without any <c>=value</c> (it may be a secret), cut to 64 characters.</summary>
    private static string Shown(string arg, int end)
    {
        var flag = arg[..end];
        return flag.Length <= 64 ? flag : flag[..64] + "…";
    }
}

/// <summary>The flags read by <see cref="CliFlagReader"/>, or the reason reading failed.</summary>
/// <param name="Values">Flag values by name.</param>
/// <param name="Positionals">Arguments after the flags.</param>
/// <param name="Help">True when a help flag was given.</param>
/// <param name="Error">Null on success; otherwise what was wrong, naming the flag (e.g. <c>unknown flag --port</c>).</param>
public sealed record CliFlags(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Positionals, bool Help, string? Error)
{
    public bool Ok => Error is null;

    public string? this[string name] => Values.GetValueOrDefault(name);

    internal static CliFlags Failed(string error) => new(new Dictionary<string, string>(), [], false, error);
}
