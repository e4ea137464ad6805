using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Onprest.Gateway.Tests.Mcp;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth.OAuth;

/// <summary>
/// The OAuth resource-server mode against a real issuer on loopback: signature, issuer, audience and lifetime
/// checks by the JWT bearer handler, key rotation, scope mapping with the API-key rules, and the challenges.
/// </summary>
public sealed class OAuthAuthenticationTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync();

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Token(string scope = "onprest:get_customer", string audience = OAuthGateway.PublicUrl + "/mcp", string subject = "client-a") =>
        _issuer.Issue(new Dictionary<string, object> { ["sub"] = subject, ["aud"] = audience, ["scope"] = scope });

    private static async Task<HttpResponseMessage> PostAsync(GatewayFactory gateway, string capability, string token, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/" + capability)
        {
            Content = new StringContent("{\"customer_id\":7}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", apiKey);
        }

        return await gateway.Client().SendAsync(request, Cancel);
    }

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_AUTH_FAILED\",\"message\":\"invalid access token\"}}\n", await response.Content.ReadAsStringAsync(Cancel));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
        Assert.Contains("resource_metadata=\"https://gateway.example/.well-known/oauth-protected-resource\"", challenge.Parameter);
    }

    [Fact]
    public async Task A_valid_token_calls_the_capabilities_its_scopes_name()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var token = Token();

        var response = await PostAsync(gateway, "get_customer", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logged = Assert.Single(gateway.Stdout.Events("request"));
        Assert.Equal("oauth:client-a", logged.GetProperty("api_key_name").GetString());
        Assert.DoesNotContain(token, gateway.Stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], gateway.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", Token(audience: "https://other.example/mcp")));
        Assert.Empty(gateway.Agent.Calls);
    }

    [Fact]
    public async Task An_expired_token_is_refused_beyond_the_small_skew()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var expired = _issuer.Issue(
            new Dictionary<string, object> { ["sub"] = "client-a", ["aud"] = OAuthGateway.PublicUrl, ["scope"] = "onprest:*" },
            notBefore: DateTime.UtcNow.AddMinutes(-10),
            expires: DateTime.UtcNow.AddMinutes(-2));
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", expired));
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var early = _issuer.Issue(
            new Dictionary<string, object> { ["sub"] = "client-a", ["aud"] = OAuthGateway.PublicUrl, ["scope"] = "onprest:*" },
            notBefore: DateTime.UtcNow.AddMinutes(5),
            expires: DateTime.UtcNow.AddMinutes(10));
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", early));
    }

    [Fact]
    public async Task A_forged_signature_under_a_known_kid_is_refused()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var forged = _issuer.Issue(
            new Dictionary<string, object> { ["sub"] = "client-a", ["aud"] = OAuthGateway.PublicUrl, ["scope"] = "onprest:*" },
            key: _issuer.Current.Impostor());
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", forged));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var foreign = _issuer.Issue(
            new Dictionary<string, object> { ["sub"] = "client-a", ["aud"] = OAuthGateway.PublicUrl, ["scope"] = "onprest:*" },
            issuer: "https://evil.example");
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", foreign));
    }

    [Theory]
    [InlineData("{\"alg\":\"none\",\"typ\":\"JWT\"}", "")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", "c2lnbmF0dXJl")]
    public async Task Unsigned_and_symmetric_tokens_are_refused(string header, string signature)
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = "{\"iss\":\"" + _issuer.Url + "\",\"sub\":\"x\",\"aud\":\"" + OAuthGateway.PublicUrl + "\",\"scope\":\"onprest:*\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 5) + "}";
        var token = B64(header) + "." + B64(payload) + "." + signature;
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", token));
    }

    [Fact]
    public async Task A_new_key_id_makes_the_gateway_fetch_the_key_set_again()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway, "get_customer", Token())).StatusCode);
        var fetches = _issuer.JwksFetches;

        _issuer.Rotate("k2");
        var rotated = Token();
        Assert.Equal("k2", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(rotated).Kid);

        // The platform's handler refuses the request that meets the unknown kid and fetches the key set for the next
        // one; the key set is fetched once, not per request.
        var accepted = false;
        for (var attempt = 0; attempt < 50 && !accepted; attempt++)
        {
            accepted = (await PostAsync(gateway, "get_customer", rotated)).StatusCode == HttpStatusCode.OK;
            if (!accepted)
            {
                await Task.Delay(100, Cancel);
            }
        }

        Assert.True(accepted, "a token signed with the rotated key was never accepted");
        Assert.Equal(fetches + 1, _issuer.JwksFetches);
        Assert.True(_issuer.JwksFetches > fetches, "the key set was not fetched again for the unknown kid");
    }

    [Fact]
    public async Task A_scope_that_does_not_name_the_capability_gets_insufficient_scope()
    {
        await using var gateway = OAuthGateway.Create(_issuer);

        var response = await PostAsync(gateway, "update_email", Token(scope: "onprest:get_customer openid"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_CAPABILITY_DENIED\",\"message\":\"capability not allowed\"}}\n", await response.Content.ReadAsStringAsync(Cancel));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal(
            "error=\"insufficient_scope\", scope=\"onprest:update_email\", resource_metadata=\"https://gateway.example/.well-known/oauth-protected-resource\"",
            challenge.Parameter);
        Assert.Empty(gateway.Agent.Calls);
    }

    [Theory]
    [InlineData("onprest:*", "update_email", HttpStatusCode.OK)]
    [InlineData("", "get_customer", HttpStatusCode.Forbidden)]
    [InlineData("get_customer", "get_customer", HttpStatusCode.Forbidden)]
    [InlineData("onprest:", "get_customer", HttpStatusCode.Forbidden)]
    [InlineData("onprest:GET_CUSTOMER", "get_customer", HttpStatusCode.Forbidden)]
    [InlineData("openid onprest:get_customer profile", "get_customer", HttpStatusCode.OK)]
    public async Task Scopes_follow_the_api_key_rules(string scope, string capability, HttpStatusCode expected)
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        Assert.Equal(expected, (await PostAsync(gateway, capability, Token(scope: scope))).StatusCode);
    }

    [Fact]
    public async Task A_roles_claim_can_carry_the_capabilities()
    {
        await using var gateway = OAuthGateway.Create(_issuer, s => s with { PermissionsClaim = "roles", ScopePrefix = string.Empty });
        var token = _issuer.Issue(new Dictionary<string, object>
        {
            ["sub"] = "svc",
            ["aud"] = OAuthGateway.PublicUrl,
            ["roles"] = new[] { "get_customer", "reports" },
            ["scope"] = "update_email",
        });

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway, "get_customer", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(gateway, "update_email", token)).StatusCode);
    }

    [Fact]
    public async Task A_request_never_mixes_a_token_and_an_api_key()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        await AssertInvalidTokenAsync(await PostAsync(gateway, "get_customer", Token(), apiKey: TestKeys.AllKey));
        Assert.Empty(gateway.Agent.Calls);
    }

    [Fact]
    public async Task Api_keys_keep_working_beside_tokens()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway, "get_customer", TestKeys.AllKey)).StatusCode);
        var denied = await PostAsync(gateway, "get_customer", "not-a-key-at-all-0123456789");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_AUTH_FAILED\",\"message\":\"invalid api key\"}}\n", await denied.Content.ReadAsStringAsync(Cancel));
        Assert.DoesNotContain("invalid_token", denied.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Mcp_answers_401_with_the_path_suffixed_resource_metadata()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var response = await gateway.Client().SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", key: null, version: "2025-11-25"), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer resource_metadata=\"https://gateway.example/.well-known/oauth-protected-resource/mcp\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Mcp_tools_list_and_call_follow_the_token()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var token = Token();

        var (listStatus, listBody) = await McpClient.CallAsync(gateway, "tools/list", null, key: token);
        Assert.Equal(200, listStatus);
        var tools = JsonDocument.Parse(listBody).RootElement.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString());
        Assert.Equal(["get_customer"], tools);

        var (deniedStatus, _) = await McpClient.CallAsync(gateway, "tools/call", "{\"name\":\"update_email\",\"arguments\":{}}", key: token);
        Assert.Equal(403, deniedStatus);

        var (callStatus, callBody) = await McpClient.CallAsync(gateway, "tools/call", "{\"name\":\"get_customer\",\"arguments\":{\"customer_id\":7}}", key: token);
        Assert.Equal(200, callStatus);
        Assert.Contains("\"count\":1", callBody);
    }

    [Fact]
    public async Task Mcp_insufficient_scope_names_the_tool_scope()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var response = await gateway.Client().SendAsync(
            McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_email\",\"arguments\":{}}}", key: Token(), version: "2025-11-25"),
            Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"insufficient_scope\", scope=\"onprest:update_email\", resource_metadata=\"https://gateway.example/.well-known/oauth-protected-resource/mcp\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Openapi_is_filtered_by_the_token()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());

        var response = await gateway.Client().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("get_customer", body);
        Assert.DoesNotContain("update_email", body);
    }

    [Fact]
    public async Task A_long_subject_is_cut_in_the_log()
    {
        await using var gateway = OAuthGateway.Create(_issuer);
        var subject = new string('s', 5000);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway, "get_customer", Token(subject: subject))).StatusCode);

        var logged = Assert.Single(gateway.Stdout.Events("request")).GetProperty("api_key_name").GetString();
        Assert.Equal("oauth:" + new string('s', 64) + "…", logged);
    }

    private static string B64(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
}
