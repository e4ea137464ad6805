using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Tests.Configuration;

public sealed class OAuthSettingsParserTests
{
    private const string PublicUrl = "https://gw.example";

    private static Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var env = values.ToDictionary(v => v.Name, v => v.Value);
        return name => env.GetValueOrDefault(name);
    }

    [Fact]
    public void Off_when_no_issuer_is_set() =>
        Assert.Null(OAuthSettingsParser.Parse(Env(), PublicUrl));

    [Fact]
    public void Defaults_follow_the_issuer_and_the_public_url()
    {
        var settings = OAuthSettingsParser.Parse(Env(("GATEWAY_OAUTH_ISSUER", "https://login.example/tenant/")), PublicUrl)!;

        Assert.Equal("https://login.example/tenant/", settings.Issuer);
        Assert.Equal("https://login.example/tenant/.well-known/openid-configuration", settings.MetadataAddress);
        Assert.Equal(["https://gw.example", "https://gw.example/mcp"], settings.Audiences);
        Assert.Equal("https://gw.example", settings.Resource);
        Assert.Equal("scope", settings.PermissionsClaim);
        Assert.Equal(string.Empty, settings.ScopePrefix);
        Assert.True(settings.RequireHttpsMetadata);
        Assert.Equal("https://gw.example/.well-known/oauth-protected-resource/mcp", settings.ResourceMetadataUrl("/mcp"));
        Assert.Equal("https://gw.example/.well-known/oauth-protected-resource", settings.ResourceMetadataUrl("/api/v1/capabilities/x"));
    }

    [Fact]
    public void Every_variable_can_be_set()
    {
        var settings = OAuthSettingsParser.Parse(Env(
            ("GATEWAY_OAUTH_ISSUER", "https://login.example"),
            ("GATEWAY_OAUTH_AUDIENCE", " api://onprest , https://gw.example/mcp "),
            ("GATEWAY_OAUTH_METADATA_URL", "https://login.example/.well-known/oauth-authorization-server"),
            ("GATEWAY_OAUTH_PERMISSIONS_CLAIM", "roles"),
            ("GATEWAY_OAUTH_SCOPE_PREFIX", "onprest:")), PublicUrl)!;

        Assert.Equal(["api://onprest", "https://gw.example/mcp"], settings.Audiences);
        Assert.Equal("https://login.example/.well-known/oauth-authorization-server", settings.MetadataAddress);
        Assert.Equal("roles", settings.PermissionsClaim);
        Assert.Equal("onprest:", settings.ScopePrefix);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000")]
    [InlineData("http://localhost:9000/realms/dev")]
    [InlineData("http://[::1]:9000")]
    public void A_loopback_issuer_may_use_http(string issuer) =>
        Assert.False(OAuthSettingsParser.Parse(Env(("GATEWAY_OAUTH_ISSUER", issuer)), PublicUrl)!.RequireHttpsMetadata);

    [Theory]
    [InlineData("http://login.example", "GATEWAY_OAUTH_ISSUER must use https (http only for a loopback issuer)")]
    [InlineData("login.example", "GATEWAY_OAUTH_ISSUER must be an absolute https URL")]
    [InlineData("ftp://login.example", "GATEWAY_OAUTH_ISSUER must be an absolute https URL")]
    [InlineData("https://user:pw@login.example", "GATEWAY_OAUTH_ISSUER must be an absolute https URL")]
    public void A_bad_issuer_is_refused(string issuer, string message) =>
        Assert.Equal(message, Assert.Throws<GatewayConfigException>(() => OAuthSettingsParser.Parse(Env(("GATEWAY_OAUTH_ISSUER", issuer)), PublicUrl)).Message);

    [Fact]
    public void A_loopback_issuer_with_remote_metadata_over_http_is_refused() =>
        Assert.Equal(
            "GATEWAY_OAUTH_METADATA_URL must use https (http only for a loopback issuer)",
            Assert.Throws<GatewayConfigException>(() => OAuthSettingsParser.Parse(
                Env(("GATEWAY_OAUTH_ISSUER", "http://127.0.0.1:9000"), ("GATEWAY_OAUTH_METADATA_URL", "http://keys.example/meta")), PublicUrl)).Message);

    [Fact]
    public void The_issuer_needs_the_public_url() =>
        Assert.Equal(
            "GATEWAY_OAUTH_ISSUER requires GATEWAY_PUBLIC_URL (the resource that tokens are issued for)",
            Assert.Throws<GatewayConfigException>(() => OAuthSettingsParser.Parse(Env(("GATEWAY_OAUTH_ISSUER", "https://login.example")), null)).Message);

    [Theory]
    [InlineData("GATEWAY_OAUTH_AUDIENCE")]
    [InlineData("GATEWAY_OAUTH_METADATA_URL")]
    [InlineData("GATEWAY_OAUTH_PERMISSIONS_CLAIM")]
    [InlineData("GATEWAY_OAUTH_SCOPE_PREFIX")]
    public void The_other_variables_need_the_issuer(string variable) =>
        Assert.Equal(
            variable + " requires GATEWAY_OAUTH_ISSUER",
            Assert.Throws<GatewayConfigException>(() => OAuthSettingsParser.Parse(Env((variable, "x")), PublicUrl)).Message);

    [Fact]
    public void An_audience_list_of_only_commas_is_refused() =>
        Assert.Equal(
            "GATEWAY_OAUTH_AUDIENCE must name at least one audience",
            Assert.Throws<GatewayConfigException>(() => OAuthSettingsParser.Parse(
                Env(("GATEWAY_OAUTH_ISSUER", "https://login.example"), ("GATEWAY_OAUTH_AUDIENCE", " , ,")), PublicUrl)).Message);
}
