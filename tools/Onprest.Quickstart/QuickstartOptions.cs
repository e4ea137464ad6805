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
    public static QuickstartOptions Parse(string[] args)
    {
        var port = 8080;
        var selfTest = false;
        string? work = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var p) && p is > 0 and < 65536:
                    port = p;
                    i++;
                    break;
                case "--work" when i + 1 < args.Length:
                    work = args[++i];
                    break;
                case "--self-test":
                    selfTest = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}; usage: [--port N] [--work DIR] [--self-test]");
            }
        }

        return new QuickstartOptions(port, selfTest, work);
    }
}
