using Onprest.Gateway.Admin;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Auth.OAuth;
using Onprest.Gateway.Cli;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Health;
using Onprest.Gateway.Http;
using Onprest.Gateway.Mcp;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Rest;
using Onprest.Gateway.Tunnel;

EmbeddedLibsodium.Register();

if (!GatewayCli.IsHostConfiguration(args))
{
    return await GatewayCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}

var builder = GatewayServer.CreateGatewayBuilder(args);
builder.AddGatewayConfiguration();
builder.AddGatewayServer();
builder.AddServiceDefaults();
builder.Services.AddNetworkControls();
builder.Services.AddApiKeyAuthentication();
builder.Services.AddOAuthAuthentication();
builder.Services.AddRestEndpoint();
builder.Services.AddGatewayOpenApi();
builder.Services.AddHealthEndpoint();
builder.Services.AddMcpEndpoint();
builder.Services.AddGatewayAdmin();

builder.Services.AddAgentTunnel(services => services.GetRequiredService<GatewayOptions>().ToTunnelOptions());
builder.Services.SkipDataProtectionKeyRingAtStart();

var app = builder.Build();
if (!app.TryValidateGatewayConfiguration(Console.Error))
{
    return 1;
}

app.UseGatewayAdmin();
app.UseGatewayEdge();
app.MapRest();
app.MapMcpEndpoint();
app.MapGatewayOpenApi();
app.MapHealth();
app.MapOAuthMetadata();

app.MapAgentTunnel();
app.MapNotFound();

return await app.RunGatewayAsync(Console.Error);

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
