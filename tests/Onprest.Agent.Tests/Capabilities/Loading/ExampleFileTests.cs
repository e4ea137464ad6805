using Onprest.Agent.Capabilities;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Capabilities.Loading;

public sealed class ExampleFileTests
{
    // docs/capability-yaml.md, with a real key in place of the placeholder.
    private static string ExampleFile() =>
        $$"""
        service:
          title: Example CRM Capabilities
          version: 0.1.0
        runtime:
          max_concurrent_requests: 16
        gateway:
          url: ws://localhost:8080/ws/agent          # production: wss://gateway.example.com/ws/agent
          agent_private_key: {{CapabilityYaml.PrivateKey}}
        database:
          driver: postgres
          host: localhost
          port: 5432
          name: legacy
          user: capability_user
          password: s3cret
        logging:
          max_size: 10MB
          max_files: 3
        defaults:
          readonly: true
          timeout: 30s
          max_rows: 1000
          max_bytes: 1MB
        capabilities:
          get_customer:
            description: Get one customer by id.
            sql: select id, name, email from customers where id = :customer_id
            params:
              customer_id: {type: integer, required: true, minimum: 1}
            policy:
              timeout: 3s
              max_rows: 1
              max_bytes: 256KB
              expose_in_openapi: true
              rate_limit: {requests: 60, per: 1m, burst: 10}
            result:
              id: {type: integer}
              name: {type: string}
              email: {type: string}
          update_customer:
            sql: update customers set name = :name where id = :customer_id
            params:
              customer_id: {type: integer, required: true, minimum: 1}
              name: {type: string, required: true, minLength: 1, maxLength: 200}
            policy:
              readonly: false
              max_affected_rows: 1
              rate_limit: {requests: 60, per: 1m, burst: 10}
        """;

    [Fact]
    public void Example_file_loads_into_the_expected_model()
    {
        var result = CapabilityYaml.Load(ExampleFile(), "/opt/onprest");
        Assert.True(result.IsValid, result.Error?.Detail);
        var config = result.Configuration;

        Assert.Equal(new ServiceInfo("Example CRM Capabilities", "0.1.0", ""), config.Service);
        Assert.Equal(16, config.MaxConcurrentRequests);
        Assert.Equal(new Uri("ws://localhost:8080/ws/agent"), config.GatewayUrl);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), config.AgentPrivateKeySeed);
        Assert.Equal(DatabaseDriver.Postgres, config.Database.Driver);
        Assert.Equal("localhost", config.Database.Host);
        Assert.Equal(5432, config.Database.Port);
        Assert.Equal("legacy", config.Database.Name);
        Assert.Equal("capability_user", config.Database.User);
        Assert.Equal("s3cret", config.Database.Password);
        Assert.Equal(TlsMode.Disable, config.Database.Tls.Mode);
        Assert.Equal(10L * 1024 * 1024, config.LogMaxSizeBytes);
        Assert.Equal(3, config.LogMaxFiles);
        Assert.Equal("/opt/onprest", config.ConfigurationFolder);
        Assert.Equal(["get_customer", "update_customer"], config.Capabilities.Select(c => c.Name));

        var get = config.Capabilities[0];
        Assert.Equal("Get one customer by id.", get.Description);
        Assert.Equal(SqlOperation.Select, get.Operation);
        Assert.Equal("select id, name, email from customers where id = $1", get.Prepared.Text);
        Assert.Equal(["customer_id"], get.Prepared.ParameterNames);
        Assert.Equal(
            new EffectivePolicy
            {
                Readonly = true,
                Timeout = TimeSpan.FromSeconds(3),
                MaxRows = 1,
                MaxBytes = 256 * 1024,
                MaxAffectedRows = null,
                RateLimit = new RateLimitPolicy(60, 60_000_000_000, 10),
                ExposeInOpenApi = true,
            },
            get.Policy);
        var id = Assert.Single(get.Parameters);
        Assert.Equal("customer_id", id.Name);
        Assert.Equal(ParamType.Integer, id.Type);
        Assert.True(id.Required);
        Assert.Equal(1L, id.Minimum);
        Assert.Null(id.Maximum);
        Assert.False(id.HasDefault);
        Assert.Equal(
            [new ResultColumn("id", ParamType.Integer, ""), new ResultColumn("name", ParamType.String, ""), new ResultColumn("email", ParamType.String, "")],
            get.Result);
        Assert.Null(get.Annotations);
        Assert.Null(get.Examples);

        var update = config.Capabilities[1];
        Assert.Equal(SqlOperation.Update, update.Operation);
        Assert.True(update.IsMutation);
        Assert.Equal("update customers set name = $1 where id = $2", update.Prepared.Text);
        Assert.Equal(["name", "customer_id"], update.Prepared.ParameterNames);
        Assert.False(update.Policy.Readonly);
        Assert.Equal(TimeSpan.FromSeconds(30), update.Policy.Timeout);
        Assert.Equal(1000, update.Policy.MaxRows);
        Assert.Equal(1024 * 1024, update.Policy.MaxBytes);
        Assert.Equal(1L, update.Policy.MaxAffectedRows);
        Assert.Equal(["customer_id", "name"], update.Parameters.Select(p => p.Name));
        Assert.Equal(1, update.Parameters[1].MinLength);
        Assert.Equal(200, update.Parameters[1].MaxLength);
        Assert.Null(update.Result);
    }

    [Fact]
    public void Sqlite_variant_resolves_the_path_against_the_configuration_folder()
    {
        var yaml = CapabilityYaml.File(database: "database:\n  driver: sqlite\n  path: data/legacy.db\n  mode: ro\n");
        var result = CapabilityYaml.Load(yaml, "/opt/onprest");
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(DatabaseDriver.Sqlite, result.Configuration.Database.Driver);
        Assert.Equal(Path.GetFullPath("/opt/onprest/data/legacy.db"), result.Configuration.Database.Path);
        Assert.True(result.Configuration.Database.ReadOnly);
        Assert.Equal("select id from customers where id = @p1", result.Configuration.Capabilities[0].Prepared.Text);
    }
}
