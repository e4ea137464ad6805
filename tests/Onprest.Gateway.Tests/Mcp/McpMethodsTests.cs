using System.Text.Json;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Mcp;

public sealed class McpMethodsTests : IDisposable
{
    private const string ClientInfo = "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}";
    private readonly GatewayFactory _factory = new();

    public McpMethodsTests() =>
        _factory.Agent.Metadata = new AgentMetadata(
            new OpenApiFinalizer(_factory.Options).Finalize(OpenApiDocuments.AgentBytes),
            new Dictionary<string, string> { ["get_customer"] = "select", ["update_email"] = "mutation" });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("2025-11-25", "2025-11-25")]
    [InlineData("2025-06-18", "2025-06-18")]
    [InlineData("2025-03-26", "2025-03-26")]
    [InlineData("2099-01-01", "2025-11-25")]
    [InlineData("2024-11-05", "2025-11-25")]
    [InlineData("2026-07-28", "2025-11-25")]
    public async Task Initialize_negotiates_and_answers_the_exact_result(string requested, string negotiated)
    {
        var (status, body) = await McpClient.CallAsync(_factory, "initialize",
            "{\"protocolVersion\":\"" + requested + "\",\"capabilities\":{}," + ClientInfo + "}", version: "garbage, ignored");
        Assert.Equal(200, status);
        Assert.Equal(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"" + negotiated + "\",\"serverInfo\":{\"name\":\"onprest-gateway\",\"version\":\"dev\"},\"capabilities\":{\"tools\":{}}}}",
            body);
        Assert.Empty(_factory.Agent.Calls);
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Fact]
    public async Task Ping_answers_an_empty_object_and_echoes_the_id_text()
    {
        Assert.Equal((200, "{\"jsonrpc\":\"2.0\",\"id\":1.50,\"result\":{}}"), await McpClient.CallAsync(_factory, "ping", null, id: "1.50"));
        Assert.Equal((200, "{\"jsonrpc\":\"2.0\",\"id\":\"a\\u0022b\",\"result\":{}}"), await McpClient.CallAsync(_factory, "ping", "{\"_meta\":{\"progressToken\":1}}", id: "\"a\\u0022b\""));
        Assert.Equal((200, "{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"result\":{}}"), await McpClient.CallAsync(_factory, "ping", "{}", id: "99999999999999999999"));
    }

    [Fact]
    public async Task Tools_list_is_filtered_sorted_and_shaped()
    {
        var (status, body) = await McpClient.CallAsync(_factory, "tools/list", "{\"cursor\":\"opaque\",\"extension\":true}", version: "2025-06-18");
        Assert.Equal(200, status);
        var tools = JsonDocument.Parse(body).RootElement.GetProperty("result").GetProperty("tools");
        Assert.Equal(["get_customer", "update_email"], tools.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var customer = tools[0];
        Assert.Equal("Find a customer", customer.GetProperty("description").GetString());
        Assert.Equal("update_email", tools[1].GetProperty("description").GetString());
        Assert.Equal(
            ["destructiveHint=False", "idempotentHint=True", "readOnlyHint=True"],
            customer.GetProperty("annotations").EnumerateObject().Select(m => m.Name + "=" + m.Value.GetBoolean()).Order());
        Assert.Contains("9223372036854775807", customer.GetProperty("inputSchema").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("object", customer.GetProperty("outputSchema").GetProperty("type").GetString());
        Assert.Equal(2, customer.GetProperty("outputSchema").GetProperty("anyOf").GetArrayLength());
        Assert.Equal(["name", "description", "inputSchema", "annotations", "outputSchema"], customer.EnumerateObject().Select(m => m.Name));
        Assert.False(tools[1].TryGetProperty("annotations", out _));
        Assert.DoesNotContain("x-onprest-examples", body, StringComparison.Ordinal);
        Assert.DoesNotContain("nextCursor", body, StringComparison.Ordinal);

        var limited = JsonDocument.Parse((await McpClient.CallAsync(_factory, "tools/list", null, key: TestKeys.CustomerKey)).Body).RootElement;
        Assert.Equal(["get_customer"], limited.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var nothing = JsonDocument.Parse((await McpClient.CallAsync(_factory, "tools/list", null, key: TestKeys.NothingKey)).Body).RootElement;
        Assert.Equal(0, nothing.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task Legacy_tools_have_no_output_schema()
    {
        var (_, body) = await McpClient.CallAsync(_factory, "tools/list", null, version: null);
        Assert.DoesNotContain("outputSchema", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_list_without_metadata_is_32000()
    {
        _factory.Agent.Metadata = null;
        Assert.Equal((200, McpClient.Error("1", -32000, "agent metadata is not cached yet", "GATEWAY_AGENT_OFFLINE")), await McpClient.CallAsync(_factory, "tools/list", null));
    }

    [Fact]
    public async Task Tools_call_success_carries_exact_text_and_structured_content()
    {
        const string result = "{\"rows\":[{\"id\":9007199254740993,\"name\":\"Ada\"}],\"count\":1}";
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Success(result, 1);
        var (status, body) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\",\"arguments\":{\"customer_id\":9007199254740993}}");
        Assert.Equal(200, status);
        Assert.Equal(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":" + JsonSerializer.Serialize(result, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "}],\"structuredContent\":" + result + "}}",
            body);
        var call = Assert.Single(_factory.Agent.Calls);
        Assert.Equal("{\"customer_id\":9007199254740993}", call.Params);
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal("mcp", logged.GetProperty("protocol").GetString());
        Assert.Equal(call.RequestId, logged.GetProperty("request_id").GetString());
        Assert.Equal("get_customer", logged.GetProperty("capability").GetString());
        Assert.Equal(1, logged.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("error_code").ValueKind);
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2025-03-26")]
    public async Task Tools_call_passes_the_agent_bytes_through_whatever_they_hold(string version)
    {
        const string result = "{\"rows\":[{\"n\":\"Zoë <b> \\\"q\\\" \\u2028 \\\\ 😀\",\"x\":1.50E+3,\"big\":123456789012345678901234567890}],\"count\":1}";
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Success(result, 1);
        var (status, body) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\"}", version: version);
        Assert.Equal(200, status);
        var answer = JsonDocument.Parse(body).RootElement.GetProperty("result");
        Assert.Equal(result, Assert.Single(answer.GetProperty("content").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(["content", .. version == "2025-03-26" ? Array.Empty<string>() : ["structuredContent"]], answer.EnumerateObject().Select(m => m.Name));
        if (version != "2025-03-26")
        {
            Assert.Equal(result, answer.GetProperty("structuredContent").GetRawText());
        }
    }

    [Fact]
    public async Task Concurrent_calls_on_the_shared_server_core_each_get_their_own_answer()
    {
        // The SDK server outlives requests (one per revision): every caller's handler and id must stay its own.
        _factory.Agent.Handler = (_, parameters) => FakeAgentTunnel.Success("{\"rows\":[" + parameters + "],\"count\":1}", 1);
        var versions = new[] { "2025-11-25", "2025-06-18", "2025-03-26" };
        var calls = Enumerable.Range(0, 300).Select(async i =>
        {
            var version = versions[i % versions.Length];
            var (status, body) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\",\"arguments\":{\"n\":" + i + "}}", id: "\"caller-" + i + "\"", version: version);
            return (i, version, status, body);
        });
        foreach (var (i, version, status, body) in await Task.WhenAll(calls))
        {
            Assert.Equal(200, status);
            var root = JsonDocument.Parse(body).RootElement;
            Assert.Equal("caller-" + i, root.GetProperty("id").GetString());
            var result = root.GetProperty("result");
            Assert.Equal("{\"rows\":[{\"n\":" + i + "}],\"count\":1}", result.GetProperty("content")[0].GetProperty("text").GetString());
            Assert.Equal(version != "2025-03-26", result.TryGetProperty("structuredContent", out _));
        }

        Assert.Equal(300, _factory.Stdout.Events("request").Count());
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-03-26")]
    public async Task Before_2025_11_25_a_task_member_is_ignored(string version)
    {
        var (status, body) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\",\"arguments\":{\"a\":1},\"task\":{\"ttl\":5},\"_meta\":{\"progressToken\":\"p\"}}", version: version);
        Assert.Equal(200, status);
        Assert.Contains("\"content\":[{\"type\":\"text\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("isError", body, StringComparison.Ordinal);
        Assert.Equal("{\"a\":1}", Assert.Single(_factory.Agent.Calls).Params);
    }

    [Fact]
    public async Task Opaque_client_capabilities_do_not_reach_the_sdk()
    {
        var (status, body) = await McpClient.CallAsync(_factory, "initialize",
            "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{\"elicitation\":5,\"sampling\":{\"context\":5},\"weird\":[1]},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\",\"icons\":7}}");
        Assert.Equal(200, status);
        Assert.Contains("\"protocolVersion\":\"2025-03-26\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_call_without_arguments_sends_an_empty_object()
    {
        await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\"}");
        Assert.Equal("{}", Assert.Single(_factory.Agent.Calls).Params);
    }

    [Theory]
    [InlineData("AGENT_QUERY_TIMEOUT", "query exceeded policy.timeout")]
    [InlineData("GATEWAY_AGENT_OFFLINE", "agent is not connected")]
    [InlineData("GATEWAY_TIMEOUT", "agent response timed out")]
    [InlineData("AGENT_RATE_LIMITED", "agent rate limit exceeded")]
    [InlineData("AGENT_NEW_PUBLIC_ERROR", "something new")]
    public async Task Tools_call_failures_are_tool_error_results(string code, string message)
    {
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure(code, message);
        var (status, body) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\",\"arguments\":{}}");
        Assert.Equal(200, status);
        Assert.Equal(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + message + "\"}],\"isError\":true,\"structuredContent\":{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}}}",
            body);
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal(200, logged.GetProperty("http_status").GetInt32());
        Assert.Equal(code, logged.GetProperty("error_code").GetString());
        Assert.Equal(message, logged.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Legacy_tool_results_have_no_structured_content()
    {
        var (_, ok) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\"}", version: null);
        Assert.DoesNotContain("structuredContent", ok, StringComparison.Ordinal);
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure("AGENT_BUSY", "agent request queue is full");
        var (_, failed) = await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"get_customer\"}", version: "2025-03-26");
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"agent request queue is full\"}],\"isError\":true}}", failed);
    }

    [Fact]
    public async Task An_agent_undefined_capability_is_tool_is_not_defined()
    {
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure("GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined");
        Assert.Equal((200, McpClient.Error("7", -32602, "tool is not defined", "INVALID_PARAMS")),
            await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"\"}", id: "7"));
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal("INVALID_PARAMS", logged.GetProperty("error_code").GetString());
        Assert.Equal("tool is not defined", logged.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Meta_is_undefined_without_contacting_the_agent()
    {
        Assert.Equal((200, McpClient.Error("1", -32602, "tool is not defined", "INVALID_PARAMS")),
            await McpClient.CallAsync(_factory, "tools/call", "{\"name\":\"meta\"}"));
        Assert.Empty(_factory.Agent.Calls);
    }

    [Fact]
    public async Task A_denied_tool_is_an_http_403_with_the_rest_body()
    {
        var response = await _factory.Client().SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_email\"}}", TestKeys.CustomerKey), TestContext.Current.CancellationToken);
        await HttpAssert.ErrorAsync(response, 403, "GATEWAY_CAPABILITY_DENIED", "capability not allowed");
        Assert.Empty(_factory.Agent.Calls);
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal(403, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("update_email", logged.GetProperty("capability").GetString());
        Assert.Equal("partner-a", logged.GetProperty("api_key_name").GetString());
    }

    public static TheoryData<string, string?, string> InvalidParams => new()
    {
        { "initialize", "null", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":1,\"capabilities\":{}," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\"," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":null," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":[]," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"roots\":{\"listChanged\":\"yes\"}}," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\"}}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\",\"title\":null}}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"experimental\":{\"x\":1}}," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"elicitation\":null}," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tasks\":{\"requests\":{\"sampling\":{\"createMessage\":true}}}}," + ClientInfo + "}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\",\"icons\":[{\"src\":\"a\",\"theme\":\"blue\"}]}}", "invalid initialize params" },
        { "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}," + ClientInfo + ",\"_meta\":{\"progressToken\":null}}", "invalid initialize params" },
        { "ping", "null", "invalid ping params" },
        { "ping", "[]", "invalid ping params" },
        { "ping", "{\"_meta\":1}", "invalid ping params" },
        { "tools/list", "null", "invalid tools/list params" },
        { "tools/list", "{\"cursor\":1}", "invalid tools/list params" },
        { "tools/call", null, "invalid tools/call params" },
        { "tools/call", "{}", "invalid tools/call params" },
        { "tools/call", "{\"name\":1}", "invalid tools/call params" },
        { "tools/call", "{\"name\":\"get_customer\",\"arguments\":null}", "invalid tools/call params" },
        { "tools/call", "{\"name\":\"get_customer\",\"arguments\":[1]}", "invalid tools/call params" },
        { "tools/call", "{\"name\":\"get_customer\",\"task\":null}", "invalid tools/call params" },
    };

    [Theory]
    [MemberData(nameof(InvalidParams))]
    public async Task Invalid_params_are_32602_with_the_method_message(string method, string? parameters, string message)
    {
        Assert.Equal((200, McpClient.Error("\"x\"", -32602, message, "INVALID_PARAMS")), await McpClient.CallAsync(_factory, method, parameters, id: "\"x\""));
        Assert.Empty(_factory.Agent.Calls);
        var events = _factory.Stdout.Events("request");
        if (method == "tools/call")
        {
            var logged = Assert.Single(events);
            Assert.Equal("", logged.GetProperty("capability").GetString());
            Assert.Equal("INVALID_PARAMS", logged.GetProperty("error_code").GetString());
        }
        else
        {
            Assert.Empty(events);
        }
    }

    [Theory]
    [InlineData("2025-03-26", "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{\"elicitation\":null},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\",\"title\":null}}")]
    [InlineData("2025-11-25", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"experimental\":{\"x\":{}},\"roots\":{\"listChanged\":true},\"sampling\":{\"context\":{}},\"elicitation\":{\"form\":{}},\"tasks\":{\"list\":{},\"requests\":{\"elicitation\":{\"create\":{}}}},\"other\":5},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\",\"title\":\"T\",\"icons\":[{\"src\":\"a\",\"sizes\":[\"16x16\"],\"theme\":\"dark\"}]},\"_meta\":{\"progressToken\":\"p\"}}")]
    public async Task Valid_initialize_params_pass(string version, string parameters)
    {
        var (status, body) = await McpClient.CallAsync(_factory, "initialize", parameters);
        Assert.Equal(200, status);
        Assert.Contains("\"protocolVersion\":\"" + version + "\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resources/list")]
    [InlineData("prompts/list")]
    [InlineData("logging/setLevel")]
    [InlineData("completion/complete")]
    [InlineData("")]
    public async Task Other_methods_are_unsupported(string method) =>
        Assert.Equal((200, McpClient.Error("1", -32601, "unsupported MCP method", "METHOD_NOT_FOUND")), await McpClient.CallAsync(_factory, method, "{}"));
}
