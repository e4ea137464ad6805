using Onprest.Gateway.Tests.Mcp;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Http;

public sealed class ExceptionGuardTests
{
    private const string Secret = "guard-secret-text";

    [Fact]
    public async Task An_unhandled_error_on_a_rest_path_is_500_logged_as_a_request_without_its_text()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { CorsAllowedOrigins = ["https://app.example"] }));
        factory.Agent.Broken = new InvalidOperationException(Secret);
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("Origin", "https://app.example");
        var response = await factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
        await HttpAssert.ErrorAsync(response, 500, "GATEWAY_INTERNAL_ERROR", "unexpected gateway error");
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var logged = Assert.Single(factory.Stdout.Logged());
        Assert.Equal("request", logged.GetProperty("event").GetString());
        Assert.Equal("rest", logged.GetProperty("protocol").GetString());
        Assert.Equal("", logged.GetProperty("capability").GetString());
        Assert.Equal(500, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("GATEWAY_INTERNAL_ERROR", logged.GetProperty("error_code").GetString());
        Assert.DoesNotContain(Secret, factory.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhandled_error_on_mcp_is_500_logged_as_mcp_http_rejected()
    {
        using var factory = new GatewayFactory();
        factory.Agent.Broken = new InvalidOperationException(Secret);
        var response = await factory.Client().SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"), TestContext.Current.CancellationToken);
        await HttpAssert.ErrorAsync(response, 500, "GATEWAY_INTERNAL_ERROR", "unexpected gateway error");
        var logged = Assert.Single(factory.Stdout.Logged());
        Assert.Equal("mcp_http_rejected", logged.GetProperty("event").GetString());
        Assert.Equal(500, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("unexpected gateway error", logged.GetProperty("error_message").GetString());
        Assert.DoesNotContain(Secret, factory.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_mcp_request_is_logged_as_mcp_http_rejected()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = 0.001, RateLimitBurst = 1 }));
        var client = factory.Client();
        await client.SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"), TestContext.Current.CancellationToken);
        var response = await client.SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"), TestContext.Current.CancellationToken);
        await HttpAssert.ErrorAsync(response, 429, "GATEWAY_RATE_LIMITED", "too many requests");
        var logged = Assert.Single(factory.Stdout.Logged());
        Assert.Equal("mcp_http_rejected", logged.GetProperty("event").GetString());
        Assert.Equal("GATEWAY_RATE_LIMITED", logged.GetProperty("error_code").GetString());
    }
}
