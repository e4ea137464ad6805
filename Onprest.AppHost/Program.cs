// Local evaluation only: PostgreSQL (seeded, least-privilege account), the gateway and the agent, with
// development keys generated at start. What ships are the plain binaries and the images (README, Dockerfile).
using Onprest.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var keys = DevelopmentKeys.Create();

var postgres = builder.AddPostgres("postgres")
    .WithEnvironment("POSTGRES_DB", SeededDatabase.Name)
    .WithBindMount(SeededDatabase.SeedScriptPath(builder.AppHostDirectory), "/docker-entrypoint-initdb.d/10-crm.sql", isReadOnly: true);

var gateway = builder.AddProject<Projects.Onprest_Gateway>("gateway")
    .WithHttpEndpoint(port: DevelopmentKeys.GatewayPort, name: "http", isProxied: false)
    .WithEnvironment("GATEWAY_ADDR", $"127.0.0.1:{DevelopmentKeys.GatewayPort}")
    .WithEnvironment("GATEWAY_PUBLIC_URL", $"http://localhost:{DevelopmentKeys.GatewayPort}")
    .WithEnvironment("GATEWAY_AGENT_PUBLIC_KEY", keys.AgentPublicKey)
    .WithEnvironment("GATEWAY_API_KEYS_JSON", keys.ApiKeysJson)
    .WithHttpHealthCheck("/healthz")
    .WithExternalHttpEndpoints();

builder.AddProject<Projects.Onprest_Agent>("agent")
    .WithEnvironment(async context =>
    {
        // The capability file is generated once the database endpoint is allocated.
        var database = postgres.Resource.PrimaryEndpoint;
        var path = await CapabilityFileTemplate.WriteAsync(
            builder.AppHostDirectory, database.Host, database.Port, keys.AgentPrivateKey, DevelopmentKeys.GatewayPort, context.CancellationToken);
        context.EnvironmentVariables["AGENT_CAPABILITY_FILE"] = path;
    })
    .WaitFor(postgres)
    .WaitFor(gateway);

Console.WriteLine($"Onprest development API key (all capabilities): {keys.ApiKey}");
builder.Build().Run();
