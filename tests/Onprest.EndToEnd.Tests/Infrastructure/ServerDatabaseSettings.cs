namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A database server from the <c>ONPREST_TEST_&lt;ENGINE&gt;_*</c> variables that <c>.ci/databases.sh</c> exports
/// (docs/testing.md): the owner account creates the test tables, the least-privilege writer account is what the
/// agent connects as.
/// </summary>
internal sealed record ServerDatabaseSettings(string Host, int Port, string Database, string OwnerUser, string OwnerPassword, string AgentUser, string AgentPassword)
{
    public static ServerDatabaseSettings? FromEnvironment(string engine, out string? skipReason)
    {
        string? Get(string name) => Environment.GetEnvironmentVariable($"ONPREST_TEST_{engine}_{name}");
        var host = Get("HOST");
        if (string.IsNullOrEmpty(host))
        {
            skipReason = $"ONPREST_TEST_{engine}_HOST is not set: no {engine.ToLowerInvariant()} server for the end-to-end suite (.ci/run starts one)";
            return null;
        }

        skipReason = null;
        return new ServerDatabaseSettings(host, int.Parse(Get("PORT")!, System.Globalization.CultureInfo.InvariantCulture), Get("DB")!,
            Get("USER")!, Get("PASSWORD")!, Get("WRITER_USER")!, Get("WRITER_PASSWORD")!);
    }

    /// <summary>The YAML section; the password is double-quoted with YAML escapes since it holds any characters.</summary>
    public string DatabaseSection(string driver) =>
        $"  driver: {driver}\n  host: {Host}\n  port: {Port}\n  name: {Database}\n  user: {AgentUser}\n  password: \"{AgentPassword.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n";
}
