using System.Net;
using System.Text;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Admin;

/// <summary>
/// The admin listener in process: requests are routed by the local port they arrived on (set by the test server
/// header), so the public port never serves the admin paths and the admin port never serves the public API.
/// </summary>
public sealed class AdminListenerTests : IDisposable
{
    private const int AdminPort = 9464;
    private readonly GatewayFactory _factory = new(TestKeys.Options(o => o with { AdminAddr = $"127.0.0.1:{AdminPort}", AdminListen = new ListenAddress("127.0.0.1", AdminPort) }));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Readiness_needs_a_connected_agent_with_cached_metadata()
    {
        _factory.Agent.IsConnected = true;
        _factory.Agent.Metadata = null;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await AdminAsync(HttpMethod.Get, "/readyz")).Status);

        _factory.Agent.Metadata = Metadata("get_customer");
        var (status, body, _) = await AdminAsync(HttpMethod.Get, "/readyz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready\n", body);

        _factory.Agent.IsConnected = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await AdminAsync(HttpMethod.Get, "/readyz")).Status);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/readyz")]
    [InlineData("/status")]
    public async Task The_public_port_answers_404_for_admin_paths(string path)
    {
        using var response = await _factory.Client().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("GATEWAY_NOT_FOUND", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spoofed_host_header_does_not_reach_the_admin_paths()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Host = $"127.0.0.1:{AdminPort}";
        using var response = await _factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/status")]
    [InlineData("PUT", "/readyz")]
    [InlineData("DELETE", "/metrics")]
    [InlineData("PATCH", "/status")]
    public async Task Admin_paths_are_read_only(string method, string path)
    {
        var (status, _, response) = await AdminAsync(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/v1/capabilities/get_customer")]
    [InlineData("/mcp")]
    [InlineData("/healthz")]
    [InlineData("/openapi.json")]
    [InlineData("/ws/agent")]
    public async Task The_admin_port_serves_nothing_else(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(HttpMethod.Get, path)).Status);
    }

    [Fact]
    public async Task Metrics_use_closed_labels_and_count_edge_events()
    {
        _factory.Agent.Metadata = Metadata("admin_known_capability");
        _factory.Agent.Handler = (capability, _) => FakeAgentTunnel.Failure("AGENT_QUERY_FAILED", "database query failed");
        using (await CallAsync("admin_known_capability", """{"p":"SECRET_PARAM"}"""))
        using (await CallAsync("admin_unknown_SECRET_NAME", "{}"))
        {
        }

        var (status, text, response) = await AdminAsync(HttpMethod.Get, "/metrics");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("onprest_gateway_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("onprest_capability=\"admin_known_capability\"", text, StringComparison.Ordinal);
        Assert.Contains("onprest_capability=\"other\"", text, StringComparison.Ordinal);
        Assert.Contains("onprest_error_code=\"AGENT_QUERY_FAILED\"", text, StringComparison.Ordinal);
        Assert.Contains("onprest_gateway_agent_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("onprest_gateway_calls_in_flight", text, StringComparison.Ordinal);
        Assert.Contains("onprest_gateway_auth_bcrypt_verifications_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.AllKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_and_busy_answers_are_counted()
    {
        using var limited = new GatewayFactory(TestKeys.Options(o => o with
        {
            AdminAddr = $"127.0.0.1:{AdminPort}",
            AdminListen = new ListenAddress("127.0.0.1", AdminPort),
            RateLimitBurst = 1,
            RateLimitRequestsPerSecond = 0.001,
        }));
        var client = limited.Client("198.51.100.77");
        using (await client.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
        }

        using (var second = await client.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        }

        var admin = limited.Client();
        admin.DefaultRequestHeaders.Add(GatewayFactory.LocalPortHeader, AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = await admin.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Matches(@"onprest_gateway_rate_limited_total(\{[^}]*\})? [1-9]", text);
    }

    [Fact]
    public async Task The_status_page_lists_key_names_masked_and_capability_errors()
    {
        _factory.Agent.IsConnected = true;
        _factory.Agent.Metadata = Metadata("status_failing");
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure("AGENT_DB_UNREACHABLE", "database unreachable");
        using (await CallAsync("status_failing", """{"p":"SECRET_PARAM"}"""))
        {
        }

        var (status, html, response) = await AdminAsync(HttpMethod.Get, "/status");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("id=\"agent-state\">connected<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("agents-connected", html, StringComparison.Ordinal);
        Assert.Contains("status_failing", html, StringComparison.Ordinal);
        Assert.Contains("AGENT_DB_UNREACHABLE", html, StringComparison.Ordinal);
        foreach (var key in TestKeys.Options().ApiKeys)
        {
            Assert.Contains($"<td class=\"key-name\">{key.Name}</td><td>••••••••</td>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(key.KeyHash, html, StringComparison.Ordinal);
        }

        foreach (var secret in new[] { TestKeys.AllKey, TestKeys.CustomerKey, TestKeys.NothingKey, "SECRET", "<script", "<form" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task For_an_agent_pool_the_status_page_shows_how_many_agents_are_connected()
    {
        _factory.Agent.IsConnected = true;
        _factory.Agent.Slots = 2;
        _factory.Agent.Connected = 1;

        var (status, html, _) = await AdminAsync(HttpMethod.Get, "/status");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"agent-state\">connected (<span id=\"agents-connected\">1</span> of 2 agents)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_admin_address_nothing_answers_on_another_port()
    {
        using var plain = new GatewayFactory();
        var client = plain.Client();
        client.DefaultRequestHeaders.Add(GatewayFactory.LocalPortHeader, AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static AgentMetadata Metadata(params string[] capabilities) =>
        new("{}"u8.ToArray(), capabilities.ToDictionary(c => c, _ => "select"));

    private async Task<HttpResponseMessage> CallAsync(string capability, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/capabilities/{capability}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-API-Key", TestKeys.AllKey);
        var response = await _factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
        return response;
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> AdminAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            request.Content = new StringContent("{}");
        }

        request.Headers.Add(GatewayFactory.LocalPortHeader, AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await _factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }
}
