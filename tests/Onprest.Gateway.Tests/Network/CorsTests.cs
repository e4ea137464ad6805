using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Network;

public sealed class CorsTests : IDisposable
{
    private const string Allowed = "https://app.example";
    private readonly GatewayFactory _factory = new(TestKeys.Options(o => o with { CorsAllowedOrigins = [Allowed, "http://localhost:3000"] }));

    public void Dispose() => _factory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin)
    {
        var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await _factory.Client().SendAsync(request, Ct);
    }

    private static void AssertCorsHeaders(HttpResponseMessage response, string origin)
    {
        Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET, POST, OPTIONS", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("Authorization, X-API-Key, Content-Type, Accept, MCP-Protocol-Version", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("600", response.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Equal(["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"], response.Headers.Vary);
    }

    private static void AssertNoCorsHeaders(HttpResponseMessage response) =>
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/api/v1/capabilities/x")]
    [InlineData("/anything")]
    public async Task Preflight_from_an_allowed_origin_is_204_with_headers(string path)
    {
        var response = await SendAsync(HttpMethod.Options, path, Allowed);
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        AssertCorsHeaders(response, Allowed);
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("https://APP.example")]
    [InlineData("https://app.example/")]
    public async Task Preflight_from_another_origin_is_403_with_an_empty_body(string origin)
    {
        var response = await SendAsync(HttpMethod.Options, "/mcp", origin);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        AssertNoCorsHeaders(response);
    }

    [Fact]
    public async Task Preflight_without_origin_is_204_without_headers()
    {
        var response = await SendAsync(HttpMethod.Options, "/healthz", null);
        Assert.Equal(204, (int)response.StatusCode);
        AssertNoCorsHeaders(response);
    }

    [Fact]
    public async Task Allowed_origins_get_headers_on_every_response_including_errors()
    {
        var ok = await SendAsync(HttpMethod.Get, "/healthz", "http://localhost:3000");
        Assert.Equal(200, (int)ok.StatusCode);
        AssertCorsHeaders(ok, "http://localhost:3000");

        var notFound = await SendAsync(HttpMethod.Get, "/nope", Allowed);
        Assert.Equal(404, (int)notFound.StatusCode);
        AssertCorsHeaders(notFound, Allowed);

        var unauthenticated = await SendAsync(HttpMethod.Post, "/api/v1/capabilities/x", Allowed);
        Assert.Equal(401, (int)unauthenticated.StatusCode);
        AssertCorsHeaders(unauthenticated, Allowed);
    }

    [Fact]
    public async Task Other_origins_are_processed_normally_without_headers()
    {
        var response = await SendAsync(HttpMethod.Get, "/healthz", "https://evil.example");
        Assert.Equal(200, (int)response.StatusCode);
        AssertNoCorsHeaders(response);
    }

    [Fact]
    public async Task Without_configured_origins_preflights_are_still_answered()
    {
        using var plain = new GatewayFactory();
        var withOrigin = new HttpRequestMessage(HttpMethod.Options, "/healthz");
        withOrigin.Headers.Add("Origin", Allowed);
        Assert.Equal(403, (int)(await plain.Client().SendAsync(withOrigin, Ct)).StatusCode);
        Assert.Equal(204, (int)(await plain.Client().SendAsync(new HttpRequestMessage(HttpMethod.Options, "/healthz"), Ct)).StatusCode);
    }
}
