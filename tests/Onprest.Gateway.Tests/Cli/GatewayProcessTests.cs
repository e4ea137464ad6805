using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Cli;

/// <summary>The gateway as a real process: start-up messages, exit codes, Kestrel on GATEWAY_ADDR, stdout discipline.</summary>
public sealed class GatewayProcessTests
{
    private const string SecretParam = "SECRET-PARAM-VALUE-4242";

    private static string Executable =>
        Path.Combine(AppContext.BaseDirectory, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "onprest-gateway.exe" : "onprest-gateway");

    private static Dictionary<string, string?> CleanEnvironment(Dictionary<string, string?> values)
    {
        var env = new Dictionary<string, string?>();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("GATEWAY_", StringComparison.Ordinal)))
        {
            env[name] = null;
        }

        foreach (var (name, value) in values)
        {
            env[name] = value;
        }

        return env;
    }

    [Theory]
    [InlineData("GATEWAY_ADDR", "8080", "gateway config: GATEWAY_ADDR must be host:port\ngateway config: GATEWAY_AGENT_PUBLIC_KEY is required\ngateway config: GATEWAY_API_KEYS_JSON is required\n")]
    [InlineData("GATEWAY_RATE_LIMIT_BURST", "0", "gateway config: GATEWAY_RATE_LIMIT_BURST must be > 0\ngateway config: GATEWAY_AGENT_PUBLIC_KEY is required\ngateway config: GATEWAY_API_KEYS_JSON is required\n")]
    [InlineData("GATEWAY_API_KEYS_JSON", "", "gateway config: GATEWAY_AGENT_PUBLIC_KEY is required\ngateway config: GATEWAY_API_KEYS_JSON is required\n")]
    public async Task Invalid_configuration_exits_1_with_one_stderr_line_per_problem(string name, string value, string expected)
    {
        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(Executable, [], environment: CleanEnvironment(new() { [name] = value }));
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr);
    }

    [Fact]
    public async Task Unknown_commands_exit_2()
    {
        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(Executable, ["bogus"]);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("onprest-gateway: invalid command or arguments\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_keys_run_a_real_gateway_whose_stdout_carries_no_secrets()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the shutdown half of this test sends SIGTERM, which Windows does not have");
        }

        var pair = JsonDocument.Parse((await ExternalProcess.RunAsync(Executable, ["create-agent-secret"])).Stdout).RootElement;
        var created = JsonDocument.Parse((await ExternalProcess.RunAsync(Executable, ["create-key", "--name", "partner-a", "--capabilities", "get_customer"])).Stdout).RootElement;
        var apiKey = created.GetProperty("api_key").GetString()!;
        var keyHash = created.GetProperty("key_hash").GetString()!;
        var port = ExternalProcess.FreePort();
        var env = CleanEnvironment(new()
        {
            ["GATEWAY_ADDR"] = "127.0.0.1:" + port,
            ["GATEWAY_AGENT_PUBLIC_KEY"] = pair.GetProperty("agent_public_key").GetString(),
            ["GATEWAY_API_KEYS_JSON"] = "'[{\"name\":\"partner-a\",\"key_hash\":\"" + keyHash + "\",\"capabilities\":[\"get_customer\"]}]'",
        });

        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdoutLines = new List<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdoutLines)
            {
                stdoutLines.Add(e.Data);
            }

            if (e.Data.Contains("\"gateway_start\"", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
            Assert.Equal("{\"ok\":true,\"agent_connected\":false}\n", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

            var call = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/get_customer")
            {
                Content = new StringContent("{\"customer_id\":\"" + SecretParam + "\"}", Encoding.UTF8, "application/json"),
            };
            call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            await HttpAssert.ErrorAsync(await client.SendAsync(call, TestContext.Current.CancellationToken), 503, "GATEWAY_AGENT_OFFLINE", "agent is not connected");

            var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/get_customer?token=" + SecretParam);
            wrong.Headers.TryAddWithoutValidation("X-API-Key", SecretParam);
            await HttpAssert.ErrorAsync(await client.SendAsync(wrong, TestContext.Current.CancellationToken), 401, "GATEWAY_AUTH_FAILED", "invalid api key");

            var tooBig = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/get_customer")
            {
                Content = new StringContent("{\"a\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
            };
            tooBig.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            await HttpAssert.ErrorAsync(await client.SendAsync(tooBig, TestContext.Current.CancellationToken), 413, "GATEWAY_REQUEST_TOO_LARGE", "request body too large");

            var exit = await ExternalProcess.RunAsync(Executable, ["healthcheck"], environment: env);
            Assert.Equal(0, exit.ExitCode);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string output;
        lock (stdoutLines)
        {
            output = string.Join('\n', stdoutLines);
            var events = stdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal("127.0.0.1:" + port, events.Single(e => e.GetProperty("event").GetString() == "gateway_start").GetProperty("addr").GetString());
            var requests = events.Where(e => e.GetProperty("event").GetString() == "request").ToList();
            Assert.Equal(3, requests.Count);
            Assert.Equal([503, 401, 413], requests.Select(e => e.GetProperty("http_status").GetInt32()));
        }

        Assert.DoesNotContain(SecretParam, output, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(keyHash, output, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxx", output, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretParam, stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_in_use_stops_the_gateway_with_exit_1()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;
        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(Executable, [], environment: CleanEnvironment(new()
        {
            ["GATEWAY_ADDR"] = "127.0.0.1:" + port,
            ["GATEWAY_AGENT_PUBLIC_KEY"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            ["GATEWAY_API_KEYS_JSON"] = "[{\"name\":\"a\",\"key_hash\":\"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]",
        }));
        Assert.Equal(1, exit);
        Assert.Contains("gateway stopped: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway_start", stdout, StringComparison.Ordinal);
    }
}
