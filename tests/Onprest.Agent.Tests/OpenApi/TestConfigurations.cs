using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.OpenApi;

/// <summary>Linted configurations built directly, with secrets that must never reach the document.</summary>
internal static class TestConfigurations
{
    public const string SecretHost = "db-secret-host.internal";
    public const string SecretPassword = "pa55-w0rd-never-published";
    public const string SecretUser = "svc_secret_user";
    public const string SecretDatabase = "secret_db_name";
    public const string SecretSqlFragment = "FROM hidden_customers_table";

    public static AgentConfiguration With(params Capability[] capabilities) => new()
    {
        Service = new ServiceInfo("Customer API", "1.2.3", "Reviewed customer operations"),
        GatewayUrl = new Uri("wss://gateway.example.com/ws/agent"),
        AgentPrivateKeySeed = new byte[32],
        Database = new DatabaseSettings
        {
            Driver = DatabaseDriver.Postgres,
            Host = SecretHost,
            Port = 6543,
            Name = SecretDatabase,
            User = SecretUser,
            Password = SecretPassword,
        },
        Capabilities = capabilities,
        ConfigurationFolder = "/etc/onprest-secret-folder",
    };

    public static Capability Select(string name, IReadOnlyList<ParameterSpec>? parameters = null, IReadOnlyList<ResultColumn>? result = null) => new()
    {
        Name = name,
        Sql = "SELECT id, name " + SecretSqlFragment + " WHERE id = :id",
        Operation = SqlOperation.Select,
        Prepared = new RewrittenSql("SELECT id, name " + SecretSqlFragment + " WHERE id = $1", ["id"]),
        Policy = new EffectivePolicy(),
        Parameters = parameters ?? [],
        Result = result,
    };

    public static Capability Mutation(string name, SqlOperation operation = SqlOperation.Update) => new()
    {
        Name = name,
        Sql = "UPDATE hidden_customers_table SET name = :name",
        Operation = operation,
        Prepared = new RewrittenSql("UPDATE hidden_customers_table SET name = $1", ["name"]),
        Policy = new EffectivePolicy { Readonly = false },
        Parameters = [new ParameterSpec { Name = "name", Type = ParamType.String, Required = true }],
    };

    public static ParameterSpec Pattern(ParameterSpec spec, string pattern)
    {
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex));
        return spec with { PatternText = pattern, Pattern = regex };
    }
}
