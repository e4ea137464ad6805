using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.Mcp;
using Onprest.Gateway.Tests.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Logging;

public sealed partial class GatewayStdoutTests
{
    private const string Secret = "S3CR3T-PARAM-9f1c";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stdout_never_contains_params_keys_hashes_paths_or_exception_text()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { MaxRequestBodyBytes = 4096 }));
        factory.Agent.Metadata = new AgentMetadata(new OpenApiFinalizer(factory.Options).Finalize(OpenApiDocuments.AgentBytes), new Dictionary<string, string>());
        var calls = 0;
        factory.Agent.Handler = (_, _) => ++calls switch
        {
            1 => FakeAgentTunnel.Success("{\"rows\":[{\"id\":1,\"name\":\"" + Secret + "\"}],\"count\":1}", 1),
            2 => FakeAgentTunnel.Failure("AGENT_QUERY_FAILED", "database query failed"),
            _ => throw new InvalidOperationException("driver said: " + Secret),
        };
        var client = factory.Client();

        HttpRequestMessage Rest(string key, string path = "/api/v1/capabilities/get_customer")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path + "?q=" + Secret)
            {
                Content = new StringContent("{\"customer_id\":\"" + Secret + "\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            return request;
        }

        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(Rest(TestKeys.AllKey), Ct);
        }

        await client.SendAsync(Rest(Secret), Ct);
        await client.SendAsync(Rest(TestKeys.CustomerKey, "/api/v1/capabilities/get_orders"), Ct);
        await client.SendAsync(Rest(TestKeys.AllKey, "/api/v1/capabilities/a%2F" + Secret), Ct);
        await client.SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":\"" + Secret + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"get_customer\",\"arguments\":{\"customer_id\":\"" + Secret + "\"}}}"), Ct);
        await client.SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":1,\"arguments\":{\"x\":\"" + Secret + "\"}}}"), Ct);
        await client.SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"" + Secret + "\"}}"), Ct);
        await client.SendAsync(McpClient.Request("{\"x\":\"" + Secret + "\"", key: Secret), Ct);

        var text = factory.Stdout.Text;
        Assert.NotEmpty(factory.Stdout.Events("request"));
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.AllKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.CustomerKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.All.KeyHash, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("driver said", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_line_is_one_json_object_with_event_and_an_rfc3339_utc_timestamp()
    {
        using var factory = new GatewayFactory();
        var client = factory.Client();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.PostAsync("/api/v1/capabilities/x", null, Ct)));
        var lines = factory.Stdout.Text.Split('\n');
        Assert.Equal("", lines[^1]);
        foreach (var line in lines[..^1])
        {
            var element = JsonDocument.Parse(line).RootElement;
            Assert.Equal(JsonValueKind.String, element.GetProperty("event").ValueKind);
            Assert.Matches(Timestamp(), element.GetProperty("timestamp").GetString());
        }

        var request = factory.Stdout.Events("request")[0];
        Assert.Equal(
            ["event", "timestamp", "protocol", "request_id", "capability", "api_key_name", "http_status", "count", "error_code", "error_message", "duration_ms"],
            request.EnumerateObject().Select(m => m.Name));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", request.GetProperty("request_id").GetString());
    }

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d*[1-9])?Z$")]
    private static partial Regex Timestamp();
}
