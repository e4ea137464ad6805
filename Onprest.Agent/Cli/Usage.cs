namespace Onprest.Agent.Cli;

/// <summary>The agent usage text (docs/cli.md; informative wording, fixed command list).</summary>
internal static class Usage
{
    public const string Text =
        """
        usage:
          onprest-agent [--config PATH]                     run the agent
          onprest-agent validate [--config PATH] [--format text|json]
          onprest-agent doctor [--config PATH] [--format text|json]
          onprest-agent service install [--config PATH] [--user NAME] | start | stop | status | uninstall
          onprest-agent version

        environment:
          AGENT_CAPABILITY_FILE   capability.yaml to read when --config is not given
          AGENT_DATA_DIR          directory for the agent's private logs and lock files

        """;

    public static void Write(TextWriter writer) => writer.Write(Text.ReplaceLineEndings("\n"));
}
