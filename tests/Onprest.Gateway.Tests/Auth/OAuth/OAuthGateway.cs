using Onprest.Gateway.Auth.OAuth;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Auth.OAuth;

/// <summary>A gateway in OAuth mode trusting a <see cref="TestIssuer"/>, with a fake agent that serves two capabilities.</summary>
internal static class OAuthGateway
{
    public const string PublicUrl = "https://gateway.example";
    public const string Prefix = "onprest:";

    public static OAuthSettings Settings(TestIssuer issuer, string publicUrl = PublicUrl, string claim = "scope", string prefix = Prefix) => new()
    {
        Issuer = issuer.Url,
        MetadataAddress = issuer.MetadataUrl,
        Audiences = [publicUrl, publicUrl + "/mcp"],
        Resource = publicUrl,
        PermissionsClaim = claim,
        ScopePrefix = prefix,
        RequireHttpsMetadata = false,
    };

    public static GatewayFactory Create(TestIssuer issuer, Func<OAuthSettings, OAuthSettings>? change = null, int? port = null)
    {
        var publicUrl = port is { } p ? "http://127.0.0.1:" + p : PublicUrl;
        var settings = Settings(issuer, publicUrl);
        var options = TestKeys.Options(o => o with
        {
            PublicUrl = publicUrl,
            OAuth = change is null ? settings : change(settings),
            Addr = port is { } listen ? "127.0.0.1:" + listen : o.Addr,
            Listen = port is { } bound ? new ListenAddress("127.0.0.1", bound) : o.Listen,
        });
        var factory = new GatewayFactory(options);
        factory.Agent.Metadata = new AgentMetadata(
            new OpenApiFinalizer(factory.Options).Finalize(OpenApiDocuments.AgentBytes),
            new Dictionary<string, string> { ["get_customer"] = "select", ["update_email"] = "mutation" });
        factory.Agent.Handler = (capability, _) => FakeAgentTunnel.Success("{\"rows\":[{\"id\":7,\"name\":\"Ada\"}],\"count\":1}", 1);
        return factory;
    }
}
