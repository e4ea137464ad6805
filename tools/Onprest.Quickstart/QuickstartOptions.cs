using System.Globalization;

namespace Onprest.Quickstart;

/// <summary>Command-line options of the quickstart.</summary>
/// <param name="Port">The gateway's loopback port (<c>--port</c>, default 8080).</param>
/// <param name="SelfTest">
/// <c>--self-test</c>: once ready, run the printed REST and MCP calls, print their answers and exit
/// (0 when they returned rows) instead of waiting for Ctrl-C. Used by the end-to-end tests.
/// </param>
/// <param name="WorkFolder"><c>--work DIR</c>: where keys, the capability file and the database live (default <c>.quickstart/</c>).</param>
internal sealed record QuickstartOptions(int Port, bool SelfTest, string? WorkFolder)
{
    public const string Usage =
        """
        usage: dotnet run --project tools/Onprest.Quickstart -- [--port N] [--work DIR] [--self-test]
          --port N      loopback port of the gateway, 1-65535 (default 8080)
          --work DIR    folder for the development keys, capability file and sample database (default .quickstart/)
          --self-test   run the printed calls once the system is ready, print their answers and exit
          --help        print this text

        """;

    /// <summary>The options, or the reason the arguments are wrong (<see cref="ParseResult.Help"/> for <c>--help</c>).</summary>
    public static ParseResult Parse(string[] args)
    {
        var port = 8080;
        var selfTest = false;
        string? work = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return new ParseResult(null, null, Help: true);
                case "--port":
                    if (i + 1 >= args.Length
                        || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                        || p is < 1 or > 65535)
                    {
                        return new ParseResult(null, "--port needs a port number from 1 to 65535", Help: false);
                    }

                    port = p;
                    i++;
                    break;
                case "--work":
                    if (i + 1 >= args.Length || args[i + 1].Length == 0)
                    {
                        return new ParseResult(null, "--work needs a folder", Help: false);
                    }

                    work = args[++i];
                    break;
                case "--self-test":
                    selfTest = true;
                    break;
                default:
                    return new ParseResult(null, $"unknown argument {Printable(args[i])}", Help: false);
            }
        }

        return new ParseResult(new QuickstartOptions(port, selfTest, work), null, Help: false);
    }

    // An argument is echoed only when it is short and printable, so the error stays one readable line.
    private static string Printable(string argument) =>
        argument.Length <= 64 && argument.All(c => c is >= ' ' and <= '~') ? argument : "(not shown)";
}

/// <summary>What <see cref="QuickstartOptions.Parse"/> found: options, an error, or a request for help.</summary>
internal sealed record ParseResult(QuickstartOptions? Options, string? Error, bool Help);
