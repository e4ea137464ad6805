using System.Net;
using System.Text.Json;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth.OAuth;

/// <summary>RFC 9728 metadata at the well-known path and its <c>/mcp</c> form; absent when OAuth is off.</summary>
public sealed class ProtectedResourceMetadataTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync();

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource", "https://gateway.example")]
    [InlineData("/.well-known/oauth-protected-resource/mcp", "https://gateway.example/mcp")]
    public async Task The_document_names_the_resource_and_its_issuer(string path, string resource)
    {
        await using var gateway = OAuthGateway.Create(_issuer);

        var response = await gateway.Client().GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal(resource, document.GetProperty("resource").GetString());
        Assert.Equal([_issuer.Url], document.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], document.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(gateway.Stdout.Events("request"));
    }

    [Fact]
    public async Task Only_get_is_allowed()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var response = await gateway.Client().PostAsync("/.well-known/oauth-protected-resource", null, Cancel);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", response.Content.Headers.Allow.Single());
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource")]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource/")]
    public async Task Without_oauth_the_paths_are_not_found(string path)
    {
        await using var gateway = new GatewayFactory();
        var response = await gateway.Client().GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_oauth_a_401_still_says_bearer()
    {
        await using var gateway = new GatewayFactory();
        var response = await gateway.Client().PostAsync("/api/v1/capabilities/get_customer", new StringContent("{}"), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }
}
