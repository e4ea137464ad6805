using Onprest.Agent.Capabilities.Linting;

namespace Onprest.Agent.Tests.Capabilities.Linting;

/// <summary> loopback hosts and the returned URL.</summary>
public sealed class GatewayUrlLintTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LocalHost", true)]
    [InlineData("localhost.", true)]
    [InlineData("localhost..", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("127.1", false)]
    [InlineData("0127.0.0.1", false)]
    [InlineData("127.0.0.256", false)]
    [InlineData("::1", true)]
    [InlineData("0:0:0:0:0:0:0:1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::2", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("mylocalhost", false)]
    public void Recognises_loopback_hosts(string host, bool loopback) => Assert.Equal(loopback, GatewayUrlLint.IsLoopback(host));

    [Fact]
    public void Returns_the_url_as_written()
    {
        var uri = GatewayUrlLint.Check("wss://gateway.example.com:8443/ws/agent", allowInsecureNonLoopbackWs: false);
        Assert.Equal("wss", uri.Scheme);
        Assert.Equal("gateway.example.com", uri.Host);
        Assert.Equal(8443, uri.Port);
        Assert.Equal("/ws/agent", uri.AbsolutePath);
    }

    [Fact]
    public void Default_ports_are_443_and_80()
    {
        Assert.Equal(443, GatewayUrlLint.Check("wss://g/ws/agent", false).Port);
        Assert.Equal(80, GatewayUrlLint.Check("ws://localhost/ws/agent", false).Port);
    }

    [Theory]
    [InlineData("ws://localhost/ws/agent\u0000")]
    [InlineData("ws://local\thost/ws/agent")]
    [InlineData("ws://lo<c>alhost/ws/agent")]
    [InlineData("ws://[::1]x/ws/agent")]
    [InlineData("ws://[not-ip]/ws/agent")]
    [InlineData("ws://a:b:c/ws/agent")]
    [InlineData("ws://héllo/ws/agent")]
    [InlineData("1ws://localhost/ws/agent")]
    [InlineData("://localhost/ws/agent")]
    public void Rejects_malformed_urls(string url)
    {
        var failure = Assert.Throws<ConfigurationLintException>(() => GatewayUrlLint.Check(url, true));
        Assert.Equal("gateway.url must be a valid ws:// or wss:// URL", failure.Message);
    }
}
