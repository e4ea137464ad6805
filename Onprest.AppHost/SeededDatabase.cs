namespace Onprest.AppHost;

/// <summary>The example CRM database of examples/seed/postgres.sql and its least-privilege account.</summary>
internal static class SeededDatabase
{
    public const string Name = "crm";
    public const string AgentUser = "onprest_agent";
    public const string AgentPassword = "onprest-dev-password";

    public static string SeedScriptPath(string appHostDirectory) =>
        Path.GetFullPath(Path.Combine(appHostDirectory, "..", "examples", "seed", "postgres.sql"));
}
