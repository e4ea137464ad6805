using System.Text.Json;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.OpenApi;

public sealed class OpenApiEndpointTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public OpenApiEndpointTests() =>
        _factory.Agent.Metadata = new AgentMetadata(
            new OpenApiFinalizer(_factory.Options).Finalize(OpenApiDocuments.AgentBytes),
            new Dictionary<string, string> { ["get_customer"] = "select", ["update_email"] = "mutation" });

    public void Dispose() => _factory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string? key, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, "/openapi.json");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        return await _factory.Client().SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_star_key_gets_the_whole_finalized_document()
    {
        var response = await GetAsync(TestKeys.AllKey);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(_factory.Agent.Metadata!.OpenApiDocument.ToArray(), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Fact]
    public async Task A_limited_key_sees_only_its_capabilities()
    {
        var text = await (await GetAsync(TestKeys.CustomerKey)).Content.ReadAsStringAsync(Ct);
        var document = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["/api/v1/capabilities/get_customer"], document.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("update_email", text, StringComparison.Ordinal);
        Assert.Contains("9223372036854775807", text, StringComparison.Ordinal);
        Assert.Equal("http://localhost:8080", document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
        Assert.Equal("Shop", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_key_with_no_capabilities_sees_empty_paths()
    {
        var document = JsonDocument.Parse(await (await GetAsync(TestKeys.NothingKey)).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("{}", document.GetProperty("paths").GetRawText());
        Assert.True(document.TryGetProperty("components", out _));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_405_before_authentication(string method)
    {
        var response = await GetAsync(null, new HttpMethod(method));
        Assert.Equal("GET", response.Content.Headers.Allow.Single());
        await HttpAssert.ErrorAsync(response, 405, "GATEWAY_METHOD_NOT_ALLOWED", "use GET");
    }

    [Fact]
    public async Task Unauthenticated_requests_get_401_and_no_event()
    {
        await HttpAssert.ErrorAsync(await GetAsync(null), 401, "GATEWAY_AUTH_FAILED", "invalid api key");
        await HttpAssert.ErrorAsync(await GetAsync("wrong"), 401, "GATEWAY_AUTH_FAILED", "invalid api key");
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Fact]
    public async Task Before_metadata_is_cached_the_answer_is_503()
    {
        _factory.Agent.Metadata = null;
        await HttpAssert.ErrorAsync(await GetAsync(TestKeys.AllKey), 503, "GATEWAY_AGENT_OFFLINE", "agent metadata is not cached yet");
    }
}
