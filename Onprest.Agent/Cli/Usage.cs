namespace Onprest.Agent.Cli;

/// <summary>The agent usage text (cli.md §2; informative wording, fixed command list).</summary>
internal static class Usage
{
    public const string Text =
        """
        usage:
          onprest-agent [--config PATH]                     run the agent
          onprest-agent validate [--config PATH] [--format text|json]
          onprest-agent doctor [--config PATH] [--format text|json]
          onprest-agent service install [--config PATH] | start | stop | status | uninstall
          onprest-agent version

        """;

    public static void Write(TextWriter writer) => writer.Write(Text.ReplaceLineEndings("\n"));
}
