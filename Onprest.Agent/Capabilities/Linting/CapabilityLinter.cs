using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// The lint of docs/capability-yaml.md: the steps in their stated order, stopping at the first failure
/// (<see cref="ConfigurationLintException"/>), producing the <see cref="AgentConfiguration"/> the agent runs with.
/// </summary>
internal static class CapabilityLinter
{
    public static AgentConfiguration Lint(RawConfiguration raw, string configurationFolder)
    {
        var maxConcurrentRequests = raw.Runtime.MaxConcurrentRequests ?? 16;
        if (maxConcurrentRequests <= 0)
        {
            throw new ConfigurationLintException("runtime.max_concurrent_requests must be > 0");
        }

        var service = ServiceLint.Apply(raw.Service);
        var gatewayUrl = GatewayUrlLint.Check(raw.Gateway.Url, raw.Gateway.AllowInsecureNonLoopbackWs ?? false);
        var seed = AgentPrivateKeyLint.Check(raw.Gateway.AgentPrivateKey);
        var database = DatabaseLint.Check(raw.Database, configurationFolder);
        var (logMaxSize, logMaxFiles) = LoggingLint.Check(raw.Logging);
        if (raw.Capabilities.Count == 0)
        {
            throw new ConfigurationLintException("at least one capability is required");
        }

        var defaults = PolicyLint.Merge(new RawPolicy(), raw.Defaults);
        PolicyLint.Check(defaults, "defaults");

        var dialect = SqlLint.DialectOf(database.Driver);
        var capabilities = new List<Capability>(raw.Capabilities.Count);

        // capabilities are linted (and later listed) in ascending ordinal name order.
        foreach (var capability in raw.Capabilities.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            capabilities.Add(LintCapability(capability, defaults, dialect));
        }

        return new AgentConfiguration
        {
            Service = service,
            MaxConcurrentRequests = maxConcurrentRequests,
            GatewayUrl = gatewayUrl,
            AgentPrivateKeySeed = seed,
            Database = database,
            LogMaxSizeBytes = logMaxSize,
            LogMaxFiles = logMaxFiles,
            Capabilities = capabilities,
            ConfigurationFolder = configurationFolder,
            DataDirectory = string.IsNullOrEmpty(raw.Runtime.DataDir) ? null : Path.GetFullPath(raw.Runtime.DataDir, configurationFolder),
        };
    }

    private static Capability LintCapability(RawCapability raw, RawPolicy defaults, SqlDialect dialect)
    {
        var name = raw.Name;
        CapabilityNameLint.Check(name);
        if (string.IsNullOrWhiteSpace(raw.Sql))
        {
            throw new ConfigurationLintException($"{name}.sql is required");
        }

        var policy = PolicyLint.Check(PolicyLint.Merge(defaults, raw.Policy), $"{name}.policy");
        var operation = SqlLint.Check(name, raw.Sql, dialect, policy, raw.Result is not null);

        var parameters = new List<ParameterSpec>(raw.Params.Count);
        foreach (var parameter in raw.Params)
        {
            parameters.Add(ParameterLint.Check(name, parameter));
        }

        var result = ResultLint.Check(name, raw.Result);
        var examples = ExampleLint.Check(name, parameters, raw.Examples);
        return new Capability
        {
            Name = name,
            Description = raw.Description ?? "",
            Sql = raw.Sql,
            Operation = operation,
            Prepared = SqlScanner.Rewrite(raw.Sql, dialect),
            Policy = policy,
            Parameters = parameters,
            Result = result,
            Annotations = raw.Annotations,
            Examples = examples,
        };
    }
}
