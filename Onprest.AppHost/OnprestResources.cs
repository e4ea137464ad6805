using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Onprest.AppHost;

/// <summary>The gateway and agent resources and what the AppHost adds around them.</summary>
internal static class OnprestResources
{
    public const string AgentConnectedCheck = "agent_connected";

    /// <summary>
    /// The gateway on a proxied HTTP endpoint: the public port is <paramref name="port"/> or one the orchestrator
    /// allocates, the gateway itself listens on the target port behind it (<c>GATEWAY_ADDR</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddOnprestGateway(this IDistributedApplicationBuilder builder, int? port, DevelopmentKeys keys)
    {
        var gateway = builder.AddProject<Projects.Onprest_Gateway>("gateway", launchProfileName: null)
            .WithHttpEndpoint(port: port, name: "http");
        var endpoint = gateway.GetEndpoint("http");
        return gateway
            .WithEnvironment("GATEWAY_ADDR", ReferenceExpression.Create($"127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("GATEWAY_PUBLIC_URL", endpoint)
            .WithEnvironment("GATEWAY_AGENT_PUBLIC_KEY", keys.AgentPublicKey)
            .WithEnvironment("GATEWAY_API_KEYS_JSON", keys.ApiKeysJson)
            .WithHttpHealthCheck("/healthz")
            .WithExternalHttpEndpoints();
    }

    /// <summary>
    /// The agent counts as healthy once the gateway reports it connected (<c>GET /healthz</c>), so the dashboard and
    /// the tests see the tunnel, not only a running process.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAgentConnectedCheck(this IResourceBuilder<ProjectResource> agent, IResourceBuilder<ProjectResource> gateway)
    {
        var endpoint = gateway.GetEndpoint("http");
        agent.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(AgentConnectedCheck, async cancellationToken =>
        {
            if (!endpoint.IsAllocated)
            {
                return HealthCheckResult.Unhealthy("the gateway has no endpoint yet");
            }

            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                await using var body = await http.GetStreamAsync(new Uri(new Uri(endpoint.Url), "/healthz"), cancellationToken);
                using var health = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                return health.RootElement.TryGetProperty("agent_connected", out var connected) && connected.ValueKind == JsonValueKind.True
                    ? HealthCheckResult.Healthy("connected to the gateway")
                    : HealthCheckResult.Unhealthy("not connected to the gateway");
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                return HealthCheckResult.Unhealthy("the gateway's /healthz did not answer");
            }
        });
        return agent.WithHealthCheck(AgentConnectedCheck);
    }

    public static IResourceBuilder<ProjectResource> WaitForDatabase(this IResourceBuilder<ProjectResource> agent, SeededDatabase database) =>
        database.Postgres is null ? agent : agent.WaitFor(database.Postgres);

    /// <summary>Prints the gateway URL, this run's API key and a ready-to-paste call once the agent is connected.</summary>
    public static void PrintCallsWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> agent, string apiKey)
    {
        builder.Eventing.Subscribe<ResourceReadyEvent>(agent.Resource, async (_, _) =>
        {
            var url = gateway.GetEndpoint("http").Url;
            await Console.Out.WriteLineAsync(
                $"""
                Onprest: the agent is connected to the gateway at {url}
                  Development API key (all capabilities, this run only): {apiKey}
                  Try: curl -s -X POST {url}/api/v1/capabilities/get_customer -H "Authorization: Bearer {apiKey}" -H "Content-Type: application/json" -d '{"{"}"customer_id":1{"}"}'
                """);
        });
    }
}
