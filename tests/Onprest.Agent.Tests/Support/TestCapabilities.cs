using Onprest.Agent.Capabilities;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Support;

/// <summary>Builds linted-looking capabilities directly (the loader is another area): SQL already in engine placeholder form.</summary>
internal static class TestCapabilities
{
    public static Capability Select(string sql, IReadOnlyList<ResultColumn>? result, EffectivePolicy? policy = null, string name = "cap", params string[] parameterNames) =>
        Build(name, sql, SqlOperation.Select, result, policy, parameterNames);

    public static Capability Dml(string sql, SqlOperation operation = SqlOperation.Update, EffectivePolicy? policy = null, string name = "cap", params string[] parameterNames) =>
        Build(name, sql, operation, null, policy ?? new EffectivePolicy { Readonly = false }, parameterNames);

    public static Capability Build(string name, string sql, SqlOperation operation, IReadOnlyList<ResultColumn>? result, EffectivePolicy? policy, IReadOnlyList<string> parameterNames, IReadOnlyList<ParameterSpec>? parameters = null) => new()
    {
        Name = name,
        Sql = sql,
        Operation = operation,
        Prepared = new RewrittenSql(sql, parameterNames),
        Policy = policy ?? new EffectivePolicy(),
        Parameters = parameters ?? parameterNames.Distinct().Select(n => new ParameterSpec { Name = n, Type = ParamType.String }).ToList(),
        Result = result,
    };

    public static ResultColumn Column(string name, ParamType type = ParamType.String) => new(name, type, "");

    public static AgentConfiguration Configuration(DatabaseSettings database, IReadOnlyList<Capability> capabilities, string folder) => new()
    {
        Service = new ServiceInfo("t", "1", ""),
        GatewayUrl = new Uri("wss://gateway.example.com/ws/agent"),
        AgentPrivateKeySeed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
        Database = database,
        Capabilities = capabilities,
        ConfigurationFolder = folder,
        MaxConcurrentRequests = 4,
    };
}
