namespace Onprest.Gateway.Cli;

/// <summary>
/// The flag syntax of cli.md: <c>--name value</c>, <c>--name=value</c>, <c>-name value</c> and <c>-name=value</c>
/// are equivalent; flags come before positional arguments; <c>--</c> ends the flags; a flag without its value is
/// an argument error.
/// </summary>
public sealed record CliArguments(IReadOnlyDictionary<string, string> Flags, IReadOnlyList<string> Positionals)
{
    /// <summary>Parses <paramref name="args"/>; null on a syntax error, a repeated flag or a flag not in <paramref name="known"/>.</summary>
    public static CliArguments? Parse(IReadOnlyList<string> args, IReadOnlySet<string> known)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var positionals = new List<string>();
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

            var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
            string name;
            string value;
            var equals = body.IndexOf('=');
            if (equals >= 0)
            {
                name = body[..equals];
                value = body[(equals + 1)..];
            }
            else
            {
                name = body;
                if (i + 1 >= args.Count)
                {
                    return null;
                }

                value = args[++i];
            }

            if (name.Length == 0 || !known.Contains(name) || !flags.TryAdd(name, value))
            {
                return null;
            }
        }

        for (; i < args.Count; i++)
        {
            positionals.Add(args[i]);
        }

        return new CliArguments(flags, positionals);
    }
}
