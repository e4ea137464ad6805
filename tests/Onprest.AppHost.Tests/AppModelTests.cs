using System.Net.Http.Headers;
using System.Text.Json;
using Onprest.AppHost.Tests.Infrastructure;

namespace Onprest.AppHost.Tests;

/// <summary>
/// The app model as a user gets it from <c>dotnet run --project Onprest.AppHost</c>: gateway healthy, agent connected,
/// and REST, MCP and OpenAPI answered through the gateway's allocated endpoint from the seeded example database.
/// </summary>
public sealed class AppModelTests(OnprestApp app)
{
    [Fact]
    public async Task Rest_call_is_answered_from_the_seeded_database_through_the_agent()
    {
        var (status, body) = await app.PostJsonAsync("/api/v1/capabilities/get_customer", """{"customer_id":1}""");

        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        Assert.Equal("Ada Lovelace", body.GetProperty("rows")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Mcp_tools_call_runs_the_capability()
    {
        var (status, body) = await app.PostJsonAsync(
            "/mcp",
            """{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"list_orders","arguments":{"customer_id":1}}}""",
            configure: request =>
            {
                request.Headers.Accept.ParseAdd("application/json, text/event-stream");
                request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
            });

        Assert.Equal(200, status);
        Assert.Equal("c1", body.GetProperty("id").GetString());
        var result = body.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean());
        Assert.True(result.GetProperty("structuredContent").GetProperty("count").GetInt32() > 0);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_capabilities_and_names_the_allocated_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.ApiKey);
        using var response = await app.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(200, (int)response.StatusCode);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/capabilities/get_customer", paths);
        Assert.Contains("/api/v1/capabilities/list_orders", paths);
        var server = document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString();
        Assert.Equal(app.Gateway.BaseAddress!.Port, new Uri(server!).Port);
    }

    [Fact]
    public async Task A_wrong_api_key_gets_the_stable_error_and_nothing_else()
    {
        var wrong = app.ApiKey[..^4] + (app.ApiKey.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var (status, body) = await app.PostJsonAsync("/api/v1/capabilities/get_customer", """{"customer_id":1}""", wrong);

        Assert.Equal(401, status);
        var text = body.GetRawText();
        Assert.DoesNotContain(app.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("select", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ada", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_resource_is_healthy_only_while_connected_to_the_gateway()
    {
        using var health = await app.Gateway.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.True(document.RootElement.GetProperty("agent_connected").GetBoolean());
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState("agent", out var agent));
        Assert.Equal("Healthy", agent!.Snapshot.HealthStatus?.ToString());
    }
}
