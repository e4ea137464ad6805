using Onprest.Contracts;

namespace Onprest.Gateway.Cli;

/// <summary>The commands of <c>onprest-gateway</c> other than running the server (docs/cli.md).</summary>
public static class GatewayCli
{
    public const string Usage = """
        usage:
          onprest-gateway                                   start the gateway (GATEWAY_* environment variables)
          onprest-gateway version                           print the version
          onprest-gateway create-agent-secret               generate an agent key pair (alias: create-agent)
          onprest-gateway create-key --name NAME --capabilities "a,b"
                                                            generate an API key and its bcrypt hash
          onprest-gateway healthcheck [--url URL]           check a running gateway's /healthz

        """;

    private static readonly string[] HostKeys = ["--applicationName=", "--environment=", "--contentRoot="];

    /// <summary>
    /// True for no arguments (run the gateway), and for the host settings a test host passes to the entry point
    /// (<c>--applicationName=…</c>, <c>--environment=…</c>, <c>--contentRoot=…</c>); anything else is a command.
    /// </summary>
    public static bool IsHostConfiguration(IReadOnlyList<string> args) =>
        args.All(arg => HostKeys.Any(key => arg.StartsWith(key, StringComparison.OrdinalIgnoreCase)));

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var rest = args.Skip(1).ToList();
        switch (args[0])
        {
            case "version" or "--version" or "-v" when rest.Count == 0:
                stdout.Write(BuildInfo.Version + "\n");
                return 0;
            case "help" or "--help" or "-h" when rest.Count == 0:
                stdout.Write(Usage.ReplaceLineEndings("\n"));
                return 0;
            case "create-agent-secret" or "create-agent" when rest.Count == 0:
                return CreateAgentSecretCommand.Run(stdout);
            case "create-key":
                return CreateKeyCommand.Run(rest, stdout, stderr);
            case "healthcheck":
                return await HealthcheckCommand.RunAsync(rest, environment, stderr);
            default:
                stderr.Write("onprest-gateway: invalid command or arguments\n" + Usage.ReplaceLineEndings("\n"));
                return 2;
        }
    }
}
