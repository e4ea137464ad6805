using Onprest.Gateway.Cli;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Cli;

public sealed class HealthcheckCommandTests
{
    private static async Task<(int Exit, string Stderr)> RunAsync(Func<string, string?> env, params string[] args)
    {
        var stderr = new StringWriter();
        var exit = await GatewayCli.RunAsync(["healthcheck", .. args], new StringWriter(), stderr, env);
        return (exit, stderr.ToString());
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:8080/healthz")]
    [InlineData(":9000", "http://127.0.0.1:9000/healthz")]
    [InlineData("localhost:9000", "http://127.0.0.1:9000/healthz")]
    [InlineData("0.0.0.0:9000", "http://127.0.0.1:9000/healthz")]
    [InlineData("192.0.2.5:81", "http://192.0.2.5:81/healthz")]
    [InlineData("[::1]:81", "http://[::1]:81/healthz")]
    [InlineData("[::]:81", "http://[::1]:81/healthz")]
    public void Default_url_follows_gateway_addr(string? addr, string expected) =>
        Assert.Equal(expected, HealthcheckCommand.DefaultUrl(addr)!.ToString());

    [Fact]
    public async Task A_running_gateway_is_healthy()
    {
        var port = ExternalProcess.FreePort();
        await using var factory = new GatewayFactory(TestKeys.Options(o => o with { Addr = "127.0.0.1:" + port, Listen = new ListenAddress("127.0.0.1", port) }));
        factory.UseKestrel();
        factory.StartServer();
        Assert.Equal((0, ""), await RunAsync(name => name == "GATEWAY_ADDR" ? "127.0.0.1:" + port : null));
        Assert.Equal((0, ""), await RunAsync(_ => null, "--url", $"http://127.0.0.1:{port}/healthz"));
        Assert.Equal((1, "healthcheck: gateway is not healthy\n"), await RunAsync(_ => null, "--url", $"http://127.0.0.1:{port}/openapi.json"));
    }

    [Fact]
    public async Task Nothing_listening_is_not_healthy() =>
        Assert.Equal((1, "healthcheck: gateway is not healthy\n"), await RunAsync(_ => null, "--url", $"http://127.0.0.1:{ExternalProcess.FreePort()}/healthz"));

    [Theory]
    [InlineData("--url")]
    [InlineData("--url", "not a url")]
    [InlineData("--url", "ftp://127.0.0.1/healthz")]
    [InlineData("--port", "1")]
    [InlineData("extra")]
    public async Task Argument_errors_exit_2(params string[] args) =>
        Assert.Equal((2, "healthcheck: invalid arguments\n"), await RunAsync(_ => null, args));
}
