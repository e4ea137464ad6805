using System.Net;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Network;

public sealed class EdgeControlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GatewayFactory WithAllowList(string cidr, string? trusted = null) => new(TestKeys.Options(o => o with
    {
        IpAllowList = [IPNetwork.Parse(cidr)],
        TrustedProxies = trusted is null ? [] : [IPNetwork.Parse(trusted)],
    }));

    [Theory]
    [InlineData("/healthz", "")]
    [InlineData("/openapi.json", "")]
    [InlineData("/nothing/here", "")]
    [InlineData("/ws/agent", "")]
    [InlineData("/api/v1/capabilities/get_customer", "get_customer")]
    [InlineData("/api/v1/capabilities/a%2Fb", "")]
    public async Task A_source_outside_the_allow_list_gets_403_logged_as_a_rest_request(string path, string capability)
    {
        using var factory = WithAllowList("192.0.2.0/24");
        var response = await factory.Client("203.0.113.10").PostAsync(path, null, Ct);
        await HttpAssert.ErrorAsync(response, 403, "GATEWAY_IP_DENIED", "source ip is not allowed");
        var logged = Assert.Single(factory.Stdout.Logged());
        Assert.Equal("request", logged.GetProperty("event").GetString());
        Assert.Equal("rest", logged.GetProperty("protocol").GetString());
        Assert.Equal(capability, logged.GetProperty("capability").GetString());
        Assert.Equal("", logged.GetProperty("api_key_name").GetString());
        Assert.Equal(403, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("GATEWAY_IP_DENIED", logged.GetProperty("error_code").GetString());
        Assert.Equal(26, logged.GetProperty("request_id").GetString()!.Length);
    }

    [Fact]
    public async Task An_ip_denial_on_mcp_is_logged_as_mcp_http_rejected()
    {
        using var factory = WithAllowList("192.0.2.0/24");
        await HttpAssert.ErrorAsync(await factory.Client("203.0.113.10").PostAsync("/mcp", null, Ct), 403, "GATEWAY_IP_DENIED", "source ip is not allowed");
        var logged = Assert.Single(factory.Stdout.Logged());
        Assert.Equal("mcp_http_rejected", logged.GetProperty("event").GetString());
        Assert.Equal(403, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("GATEWAY_IP_DENIED", logged.GetProperty("error_code").GetString());
        Assert.Equal("source ip is not allowed", logged.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Allowed_sources_pass_and_preflights_are_checked_too()
    {
        using var factory = WithAllowList("192.0.2.0/24");
        Assert.Equal(200, (int)(await factory.Client("192.0.2.7").GetAsync("/healthz", Ct)).StatusCode);
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        await HttpAssert.ErrorAsync(await factory.Client("203.0.113.10").SendAsync(preflight, Ct), 403, "GATEWAY_IP_DENIED", "source ip is not allowed");
    }

    [Theory]
    [InlineData("192.0.2.50, 203.0.113.9:4444")]
    [InlineData("192.0.2.50, [2001:db8::9]:4444")]
    [InlineData("192.0.2.50, unknown")]
    [InlineData("192.0.2.50, _obfuscated")]
    public async Task A_client_entry_left_of_a_proxy_entry_with_a_port_or_a_name_cannot_pass_the_allow_list(string forwarded)
    {
        // The proxy (10.0.0.5, trusted) appended the real client as ip:port, [v6]:port or a name; the client itself
        // wrote an allowed address further left. Only the proxy's entry (or the proxy) may decide the source.
        using var factory = WithAllowList("192.0.2.0/24", "10.0.0.0/8");
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwarded);
        await HttpAssert.ErrorAsync(await factory.Client("10.0.0.5").SendAsync(request, Ct), 403, "GATEWAY_IP_DENIED", "source ip is not allowed");
    }

    [Fact]
    public async Task Addresses_of_one_ipv6_64_share_a_rate_limit_bucket_over_http()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = 0.001, RateLimitBurst = 2 }));
        Assert.Equal(200, (int)(await factory.Client("2001:db8:5:6::1").GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal(200, (int)(await factory.Client("2001:db8:5:6::2").GetAsync("/healthz", Ct)).StatusCode);
        await HttpAssert.ErrorAsync(await factory.Client("2001:db8:5:6:abcd::3").GetAsync("/healthz", Ct), 429, "GATEWAY_RATE_LIMITED", "too many requests");
        Assert.Equal(200, (int)(await factory.Client("2001:db8:5:7::1").GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_proxy_entry_with_a_port_is_the_source()
    {
        using var factory = WithAllowList("192.0.2.0/24", "10.0.0.0/8");
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9, 192.0.2.50:4444");
        Assert.Equal(200, (int)(await factory.Client("10.0.0.5").SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Spoofed_forwarded_headers_from_an_untrusted_peer_are_ignored()
    {
        using var factory = WithAllowList("192.0.2.0/24", trusted: "10.0.0.0/8");
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Forwarded-For", "192.0.2.7");
        request.Headers.Add("X-Real-IP", "192.0.2.8");
        await HttpAssert.ErrorAsync(await factory.Client("203.0.113.10").SendAsync(request, Ct), 403, "GATEWAY_IP_DENIED", "source ip is not allowed");
    }

    [Fact]
    public async Task Forwarded_headers_from_a_trusted_proxy_decide_the_source()
    {
        using var factory = WithAllowList("192.0.2.0/24", trusted: "10.0.0.0/8");
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        allowed.Headers.Add("X-Forwarded-For", "203.0.113.99, 192.0.2.7");
        Assert.Equal(200, (int)(await factory.Client("10.0.0.5").SendAsync(allowed, Ct)).StatusCode);

        var spoofed = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        spoofed.Headers.Add("X-Forwarded-For", "192.0.2.7, 203.0.113.99");
        await HttpAssert.ErrorAsync(await factory.Client("10.0.0.5").SendAsync(spoofed, Ct), 403, "GATEWAY_IP_DENIED", "source ip is not allowed");
    }

    [Fact]
    public async Task Rate_limit_burst_1_gives_200_then_429()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = 0.001, RateLimitBurst = 1 }));
        var client = factory.Client("198.51.100.1");
        Assert.Equal(200, (int)(await client.GetAsync("/healthz", Ct)).StatusCode);
        await HttpAssert.ErrorAsync(await client.GetAsync("/healthz", Ct), 429, "GATEWAY_RATE_LIMITED", "too many requests");
        Assert.Equal(200, (int)(await factory.Client("198.51.100.2").GetAsync("/healthz", Ct)).StatusCode);
        var logged = Assert.Single(factory.Stdout.Events("request"));
        Assert.Equal(429, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("too many requests", logged.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Rate_limit_applies_to_preflights_and_unmatched_paths()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = 0.001, RateLimitBurst = 2 }));
        var client = factory.Client("198.51.100.1");
        Assert.Equal(404, (int)(await client.GetAsync("/nope", Ct)).StatusCode);
        Assert.Equal(204, (int)(await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/healthz"), Ct)).StatusCode);
        await HttpAssert.ErrorAsync(await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/healthz"), Ct), 429, "GATEWAY_RATE_LIMITED", "too many requests");
    }

    [Fact]
    public async Task Thousands_of_distinct_sources_are_served_with_a_bounded_map()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = 1, RateLimitBurst = 1 }));
        _ = factory.Client();
        var limiter = factory.Services.GetService(typeof(Onprest.Gateway.Network.SourceRateLimiter)) as Onprest.Gateway.Network.SourceRateLimiter;
        for (var i = 0; i < 12_000; i++)
        {
            Assert.True(limiter!.TryAcquire(new IPAddress(0xC6330000u + (uint)i)));
        }

        Assert.Equal(Onprest.Gateway.Network.SourceRateLimiter.MaxBuckets, limiter!.BucketCount);
        Assert.Equal(200, (int)(await factory.Client("2001:db8::77").GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal(Onprest.Gateway.Network.SourceRateLimiter.MaxBuckets, limiter.BucketCount);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/mcp/")]
    [InlineData("/openapi.json/x")]
    [InlineData("/healthz/")]
    [InlineData("/HEALTHZ")]
    [InlineData("/Healthz")]
    [InlineData("/api/v1/capabilities")]
    [InlineData("/API/v1/capabilities/x")]
    [InlineData("/ws/agent/")]
    [InlineData("/favicon.ico")]
    public async Task Unmatched_paths_get_a_json_404_and_no_event(string path)
    {
        using var factory = new GatewayFactory();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            await HttpAssert.ErrorAsync(await factory.Client().SendAsync(new HttpRequestMessage(method, path), Ct), 404, "GATEWAY_NOT_FOUND", "not found");
        }

        Assert.Empty(factory.Stdout.Logged());
    }
}
