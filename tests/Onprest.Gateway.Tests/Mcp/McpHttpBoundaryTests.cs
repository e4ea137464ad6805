using System.Net.Http.Headers;
using System.Text;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Mcp;

public sealed class McpHttpBoundaryTests : IDisposable
{
    private const string Ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private readonly GatewayFactory _factory = new(TestKeys.Options(o => o with { CorsAllowedOrigins = ["https://app.example"] }));

    public void Dispose() => _factory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void AssertRejectedLogged(int status, string code, string message)
    {
        var logged = Assert.Single(_factory.Stdout.Logged());
        Assert.Equal("mcp_http_rejected", logged.GetProperty("event").GetString());
        Assert.Equal(status, logged.GetProperty("http_status").GetInt32());
        Assert.Equal(code, logged.GetProperty("error_code").GetString());
        Assert.Equal(message, logged.GetProperty("error_message").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task Other_methods_get_405_before_authentication(string method)
    {
        var response = await _factory.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/mcp"), Ct);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        await HttpAssert.ErrorAsync(response, 405, "GATEWAY_METHOD_NOT_ALLOWED", "use POST");
        AssertRejectedLogged(405, "GATEWAY_METHOD_NOT_ALLOWED", "use POST");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    public async Task A_foreign_origin_is_refused_before_authentication(string origin)
    {
        var request = McpClient.Request(Ping, key: null);
        request.Headers.Add("Origin", origin);
        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(request, Ct), 403, "GATEWAY_INVALID_REQUEST", "origin is not allowed");
        AssertRejectedLogged(403, "GATEWAY_INVALID_REQUEST", "origin is not allowed");
    }

    [Fact]
    public async Task An_allowed_origin_passes_and_gets_cors_headers()
    {
        var request = McpClient.Request(Ping);
        request.Headers.Add("Origin", "https://app.example");
        var response = await _factory.Client().SendAsync(request, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Authentication_failures_are_401_and_not_logged()
    {
        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(McpClient.Request(Ping, key: null), Ct), 401, "GATEWAY_AUTH_FAILED", "invalid api key");
        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(McpClient.Request(Ping, key: "wrong"), Ct), 401, "GATEWAY_AUTH_FAILED", "invalid api key");
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/jsonrpc")]
    [InlineData(null)]
    public async Task Content_type_must_be_json(string? contentType)
    {
        var request = McpClient.Request(Ping);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Ping));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(request, Ct), 400, "GATEWAY_INVALID_REQUEST", "Content-Type must be application/json");
        AssertRejectedLogged(400, "GATEWAY_INVALID_REQUEST", "Content-Type must be application/json");
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("application/json")]
    [InlineData("application/json, text/event-stream")]
    [InlineData("APPLICATION/JSON;q=0.5")]
    [InlineData("text/html, application/*;q=0.1")]
    [InlineData("application/json;q=abc, */*")]
    public async Task Acceptable_accept_headers(string accept)
    {
        var (status, _) = await McpClient.SendAsync(_factory, McpClient.Request(Ping, accept: accept));
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("text/event-stream")]
    [InlineData("text/html")]
    [InlineData("application/json;q=0, text/event-stream;q=1")]
    [InlineData("application/json;q=0, */*;q=1")]
    [InlineData("application/*;q=0, */*")]
    [InlineData("application/json;q=2")]
    public async Task Unacceptable_accept_headers_get_406(string accept)
    {
        var response = await _factory.Client().SendAsync(McpClient.Request(Ping, accept: accept), Ct);
        await HttpAssert.ErrorAsync(response, 406, "GATEWAY_INVALID_REQUEST", "Accept must allow application/json");
        AssertRejectedLogged(406, "GATEWAY_INVALID_REQUEST", "Accept must allow application/json");
    }

    public static TheoryData<string> Unparsable => new()
    {
        "",
        "{",
        "{}{}",
        "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
        new string('[', 65) + new string(']', 65),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",}",
    };

    [Theory]
    [MemberData(nameof(Unparsable))]
    public async Task Bodies_that_are_not_one_json_value_are_32700(string body) =>
        Assert.Equal((200, McpClient.Error("null", -32700, "invalid json rpc", "PARSE_ERROR")), await McpClient.SendAsync(_factory, McpClient.Request(body)));

    [Fact]
    public async Task An_oversized_body_is_http_413()
    {
        using var small = new GatewayFactory(TestKeys.Options(o => o with { MaxRequestBodyBytes = Ping.Length }));
        Assert.Equal(200, (await McpClient.SendAsync(small, McpClient.Request(Ping))).Status);
        Assert.Equal((413, "{\"error\":{\"code\":\"GATEWAY_REQUEST_TOO_LARGE\",\"message\":\"request body too large\"}}\n"), await McpClient.SendAsync(small, McpClient.Request(Ping + " ")));
        var logged = small.Stdout.Logged().Last();
        Assert.Equal("mcp_http_rejected", logged.GetProperty("event").GetString());
        Assert.Equal(413, logged.GetProperty("http_status").GetInt32());
    }

    [Fact]
    public async Task A_body_not_received_within_the_deadline_is_32700()
    {
        using var slow = new GatewayFactory(bodyDeadline: TimeSpan.FromMilliseconds(300));
        var request = McpClient.Request(Ping);
        request.Content = new StalledContent();
        Assert.Equal((200, McpClient.Error("null", -32700, "invalid json rpc", "PARSE_ERROR")), await McpClient.SendAsync(slow, request));
    }

    public static TheoryData<string, string> BadShapes => new()
    {
        { "[]", "null" },
        { "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "null" },
        { "1", "null" },
        { "\"ping\"", "null" },
        { "null", "null" },
        { "{\"id\":1,\"method\":\"ping\"}", "1" },
        { "{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}", "\"a\"" },
        { "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}", "1" },
        { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}", "1" },
        { "{\"jsonrpc\":\"2.0\",\"id\":1}", "1" },
        { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "null" },
        { "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", "null" },
        { "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", "null" },
        { "{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"ping\"}", "null" },
        { "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "1" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public async Task Invalid_request_objects_are_32600(string body, string echoedId)
    {
        Assert.Equal((200, McpClient.Error(echoedId, -32600, "invalid json rpc request", "INVALID_REQUEST")), await McpClient.SendAsync(_factory, McpClient.Request(body)));
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Theory]
    [InlineData(" \t")]
    [InlineData(" 2025-11-25")]
    [InlineData("2025-11-25, 2025-11-25")]
    [InlineData("2099-01-01")]
    [InlineData("2024-11-05")]
    public async Task Unsupported_protocol_version_headers_get_400(string version)
    {
        var request = McpClient.Request(Ping);
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", version);
        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(request, Ct), 400, "GATEWAY_INVALID_REQUEST", "unsupported MCP protocol version");
        AssertRejectedLogged(400, "GATEWAY_INVALID_REQUEST", "unsupported MCP protocol version");
    }

    [Fact]
    public async Task The_version_header_twice_gets_400_even_when_identical()
    {
        var request = McpClient.Request(Ping);
        request.Headers.TryAddWithoutValidation("mcp-protocol-version", ["2025-11-25", "2025-11-25"]);
        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(request, Ct), 400, "GATEWAY_INVALID_REQUEST", "unsupported MCP protocol version");
    }

    [Theory]
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task Supported_versions_pass(string version) =>
        Assert.Equal(200, (await McpClient.SendAsync(_factory, McpClient.Request(Ping, version: version))).Status);

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":{\"_meta\":{}}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,\"reason\":\"x\"}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":0.5,\"total\":1}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{\"taskId\":\"a\",\"createdAt\":\"c\",\"lastUpdatedAt\":\"u\",\"status\":\"working\",\"ttl\":null}}", "2025-11-25")]
    public async Task Valid_notifications_get_202_with_an_empty_body(string body, string? version)
    {
        var response = await _factory.Client().SendAsync(McpClient.Request(body, version: version), Ct);
        Assert.Equal(202, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(_factory.Stdout.Logged());
        Assert.Empty(_factory.Agent.Calls);
    }

    [Fact]
    public async Task A_notification_with_an_id_is_32600()
    {
        Assert.Equal((200, McpClient.Error("5", -32600, "notification must not include id", "INVALID_REQUEST")),
            await McpClient.SendAsync(_factory, McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"notifications/initialized\",\"params\":null}")));
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{}}", "2025-06-18")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"initialize\"}", null)]
    public async Task Id_less_messages_that_are_not_valid_notifications_get_400(string body, string? version)
    {
        await HttpAssert.ErrorAsync(await _factory.Client().SendAsync(McpClient.Request(body, version: version), Ct), 400, "GATEWAY_INVALID_REQUEST", "invalid json rpc notification");
        AssertRejectedLogged(400, "GATEWAY_INVALID_REQUEST", "invalid json rpc notification");
        Assert.Empty(_factory.Stdout.Events("request"));
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":null}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":{\"_meta\":1}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":null}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\"}}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":[]}", null)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{\"taskId\":\"a\",\"createdAt\":\"c\",\"lastUpdatedAt\":\"u\",\"status\":\"working\",\"ttl\":1.5}}", "2025-11-25")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{\"taskId\":\"a\",\"createdAt\":\"c\",\"lastUpdatedAt\":\"u\",\"status\":\"done\",\"ttl\":1}}", "2025-11-25")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{\"taskId\":\"a\",\"createdAt\":\"c\",\"lastUpdatedAt\":\"u\",\"status\":\"failed\"}}", "2025-11-25")]
    public async Task Invalid_notification_params_are_http_400_with_32602(string body, string? version)
    {
        var response = await _factory.Client().SendAsync(McpClient.Request(body, version: version), Ct);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(McpClient.Error("null", -32602, "invalid notification params", "INVALID_PARAMS"), await response.Content.ReadAsStringAsync(Ct));
        AssertRejectedLogged(400, "INVALID_PARAMS", "invalid notification params");
    }

    [Fact]
    public async Task A_session_id_sent_by_a_client_is_ignored_and_none_is_issued()
    {
        var request = McpClient.Request(Ping);
        request.Headers.Add("Mcp-Session-Id", "abc");
        var response = await _factory.Client().SendAsync(request, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>Sends the start of a body and never finishes it.</summary>
    private sealed class StalledContent : HttpContent
    {
        public StalledContent() => Headers.ContentType = new MediaTypeHeaderValue("application/json");

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync("{\"jsonrpc\""u8.ToArray());
            await stream.FlushAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
