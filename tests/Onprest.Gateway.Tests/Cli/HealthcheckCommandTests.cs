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
        Assert.Equal((0, ""), await RunAsync(_ => null, "--url", $"http://127.0.0.1:{port}"));
        Assert.Equal((0, ""), await RunAsync(_ => null, "--url", $"http://127.0.0.1:{port}/"));
        Assert.Equal(
            (1, $"healthcheck: gateway is not healthy\nhealthcheck: http://127.0.0.1:{port}/openapi.json answered 401 Unauthorized\n"),
            await RunAsync(_ => null, "--url", $"http://127.0.0.1:{port}/openapi.json"));
    }

    [Theory]
    [InlineData("http://gw.example:8080", "http://gw.example:8080/healthz")]
    [InlineData("http://gw.example:8080/", "http://gw.example:8080/healthz")]
    [InlineData("https://gw.example/onprest/", "https://gw.example/onprest/healthz")]
    [InlineData("http://gw.example/healthz", "http://gw.example/healthz")]
    [InlineData("http://gw.example/other", "http://gw.example/other")]
    public void A_base_url_gets_healthz_appended(string given, string expected) =>
        Assert.Equal(expected, HealthcheckCommand.HealthUrl(given)!.ToString());

    [Fact]
    public async Task Nothing_listening_is_not_healthy_and_says_why()
    {
        var port = ExternalProcess.FreePort();
        Assert.Equal(
            (1, $"healthcheck: gateway is not healthy\nhealthcheck: http://127.0.0.1:{port}/healthz could not be reached: connection refused or unreachable\n"),
            await RunAsync(_ => null, "--url", $"http://user:secret@127.0.0.1:{port}"));
    }

    [Theory]
    [InlineData("healthcheck: invalid arguments: flag --url needs a value", "--url")]
    [InlineData("healthcheck: invalid arguments: --url must be an absolute http or https URL", "--url", "not a url")]
    [InlineData("healthcheck: invalid arguments: --url must be an absolute http or https URL", "--url", "ftp://127.0.0.1/healthz")]
    [InlineData("healthcheck: invalid arguments: unknown flag --port", "--port", "1")]
    [InlineData("healthcheck: invalid arguments: unexpected argument after the flags", "extra")]
    public async Task Argument_errors_exit_2_and_name_the_problem(string message, params string[] args) =>
        Assert.Equal((2, message + "\n"), await RunAsync(_ => null, args));
}
