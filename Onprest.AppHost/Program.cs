// Local evaluation only: the gateway, the agent and a seeded example database, with development keys generated at
// start and traces shown in the Aspire dashboard. What ships are the plain binaries and the images (README, Dockerfile).
using Onprest.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
if (!AppHostOptions.TryRead(builder.Configuration, out var options, out var errors))
{
    Console.Error.WriteLine("Onprest.AppHost: " + string.Join("; ", errors));
    return 2;
}
var keys = DevelopmentKeys.Create(options.ApiKey);
var run = RunFolder.Create(builder);

var database = await DatabaseChoice.ResolveAsync(options.Database, builder.ExecutionContext.IsRunMode, Console.Out);
var seeded = SeededDatabase.Add(builder, database, run);

var gateway = builder.AddOnprestGateway(options.GatewayPort, keys);

var agent = builder.AddProject<Projects.Onprest_Agent>("agent", launchProfileName: null)
    .WithEnvironment(async context =>
    {
        // The capability file is written once the gateway's and the database's endpoints are allocated.
        var gatewayPort = gateway.Resource.GetEndpoint("http").Port;
        var path = await CapabilityFileTemplate.WriteAsync(builder.AppHostDirectory, run.Path, seeded, keys.AgentPrivateKey, gatewayPort, context.CancellationToken);
        context.EnvironmentVariables["AGENT_CAPABILITY_FILE"] = path;
    })
    .WaitForDatabase(seeded)
    .WaitFor(gateway)
    .WithAgentConnectedCheck(gateway);

builder.PrintCallsWhenReady(gateway, agent, keys.ApiKey);
builder.Build().Run();
return 0;
