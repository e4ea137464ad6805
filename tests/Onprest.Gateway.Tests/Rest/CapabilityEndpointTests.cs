using System.Net.Http.Headers;
using System.Text;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Rest;

public sealed class CapabilityEndpointTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Post(string path, string? body, string? key = TestKeys.AllKey, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        return request;
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _factory.Client().SendAsync(request, Ct);

    [Fact]
    public async Task Success_passes_the_agent_result_through_byte_for_byte()
    {
        const string result = "{\"rows\":[{\"id\":9007199254740993,\"name\":\"Ada \\u00e9\"}],\"count\":1}";
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Success(result, 1);
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", "{\"customer_id\":9007199254740993}"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(result, await response.Content.ReadAsStringAsync(Ct));
        var call = Assert.Single(_factory.Agent.Calls);
        Assert.Equal("get_customer", call.Capability);
        Assert.Equal("{\"customer_id\":9007199254740993}", call.Params);

        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal("rest", logged.GetProperty("protocol").GetString());
        Assert.Equal(call.RequestId, logged.GetProperty("request_id").GetString());
        Assert.Equal(26, call.RequestId.Length);
        Assert.Equal("get_customer", logged.GetProperty("capability").GetString());
        Assert.Equal("internal", logged.GetProperty("api_key_name").GetString());
        Assert.Equal(200, logged.GetProperty("http_status").GetInt32());
        Assert.Equal(1, logged.GetProperty("count").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, logged.GetProperty("error_code").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, logged.GetProperty("error_message").ValueKind);
        Assert.True(logged.GetProperty("duration_ms").GetInt64() >= 0);
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData(" \n{\"a\":[1,2.50,-0e0]}\t", " \n{\"a\":[1,2.50,-0e0]}\t")]
    [InlineData("{\"params\":{\"customer_id\":1}}", "{\"params\":{\"customer_id\":1}}")]
    public async Task The_body_is_the_params_value_forwarded_unchanged(string body, string forwarded)
    {
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", body));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(forwarded, Assert.Single(_factory.Agent.Calls).Params);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("Application/Json ; foo=bar")]
    public async Task Json_media_types_pass(string contentType)
    {
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", "{}", contentType: contentType));
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/jsonrpc")]
    [InlineData("application/x-json")]
    public async Task Other_media_types_fail(string contentType)
    {
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", "{}", contentType: contentType));
        await HttpAssert.ErrorAsync(response, 400, "GATEWAY_INVALID_REQUEST", "Content-Type must be application/json");
        Assert.Empty(_factory.Agent.Calls);
    }

    [Fact]
    public async Task A_missing_content_type_fails()
    {
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", null));
        await HttpAssert.ErrorAsync(response, 400, "GATEWAY_INVALID_REQUEST", "Content-Type must be application/json");
    }

    public static TheoryData<string> InvalidBodies => new()
    {
        "",
        " ",
        "{",
        "{}{}",
        "{} {}",
        "[1]",
        "\"x\"",
        "1",
        "true",
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"o\":{\"b\":1,\"b\":1}}",
        "{\"a\":1,}",
        "{'a':1}",
        "{\"a\":01}",
        "{\"a\":NaN}",
        "{/*c*/}",
        "\uFEFF{}",
        "{\"a\":\"\\ud800\"," + "\"\\ud800\":1}",
        new string('[', 65) + new string(']', 65),
        "{\"a\":" + new string('[', 64) + new string(']', 64) + "}",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_bodies_are_refused_without_contacting_the_agent(string body)
    {
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", body));
        await HttpAssert.ErrorAsync(response, 400, "GATEWAY_INVALID_REQUEST", "invalid json body");
        Assert.Empty(_factory.Agent.Calls);
    }

    [Fact]
    public async Task Nesting_of_exactly_64_is_accepted()
    {
        var body = "{\"a\":" + new string('[', 63) + new string(']', 63) + "}";
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", body));
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        var request = Post("/api/v1/capabilities/get_customer", null);
        request.Content = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'a', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await HttpAssert.ErrorAsync(await SendAsync(request), 400, "GATEWAY_INVALID_REQUEST", "invalid json body");
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_passes_and_one_byte_more_fails()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { MaxRequestBodyBytes = 16 }));
        var client = factory.Client();
        var exact = "{\"a\":\"123456789\"}"; // 17 bytes
        Assert.Equal(17, exact.Length);
        var atLimit = await client.SendAsync(Post("/api/v1/capabilities/x", "{\"a\":\"12345678\"}"), Ct);
        Assert.Equal(200, (int)atLimit.StatusCode);
        await HttpAssert.ErrorAsync(await client.SendAsync(Post("/api/v1/capabilities/x", exact), Ct), 413, "GATEWAY_REQUEST_TOO_LARGE", "request body too large");
        await HttpAssert.ErrorAsync(await client.SendAsync(Post("/api/v1/capabilities/x", "{\"a\":\"12345678\"} "), Ct), 413, "GATEWAY_REQUEST_TOO_LARGE", "request body too large");
        var logged = factory.Stdout.Logged().Last();
        Assert.Equal(413, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("GATEWAY_REQUEST_TOO_LARGE", logged.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task A_body_without_a_declared_length_keeps_the_same_limit_and_arrives_whole()
    {
        using var factory = new GatewayFactory(TestKeys.Options(o => o with { MaxRequestBodyBytes = 16 }));
        var client = factory.Client();
        var atLimit = await client.SendAsync(Chunked("/api/v1/capabilities/x", "{\"a\":\"12345678\"}"), Ct);
        Assert.Equal(200, (int)atLimit.StatusCode);
        await HttpAssert.ErrorAsync(await client.SendAsync(Chunked("/api/v1/capabilities/x", "{\"a\":\"123456789\"}"), Ct), 413, "GATEWAY_REQUEST_TOO_LARGE", "request body too large");

        // Larger than the first pooled segment: the body grows through several and reaches the agent byte for byte.
        var large = "{\"a\":\"" + string.Concat(Enumerable.Range(0, 5000).Select(i => (char)('a' + (i % 26)))) + "\"}";
        Assert.Equal(200, (int)(await SendAsync(Chunked("/api/v1/capabilities/get_customer", large))).StatusCode);
        Assert.Equal(large, Assert.Single(_factory.Agent.Calls).Params);
    }

    [Fact]
    public async Task A_declared_body_above_the_upfront_size_grows_as_it_arrives_and_reaches_the_agent_whole()
    {
        var large = "{\"a\":\"" + new string('z', Onprest.Gateway.Http.RequestBodyReader.UpfrontBytes * 2) + "\"}";
        Assert.Equal(200, (int)(await SendAsync(Post("/api/v1/capabilities/get_customer", large))).StatusCode);
        Assert.Equal(large, Assert.Single(_factory.Agent.Calls).Params);
    }

    private static HttpRequestMessage Chunked(string path, string body) =>
        new(HttpMethod.Post, path)
        {
            Content = new UndeclaredLengthContent(Encoding.UTF8.GetBytes(body)),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.AllKey) },
        };

    [Fact]
    public async Task An_oversized_body_is_refused_without_reading_it_all()
    {
        var body = "{\"a\":\"" + new string('x', 4 * 1024 * 1024) + "\"}";
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/get_customer", body)), 413, "GATEWAY_REQUEST_TOO_LARGE", "request body too large");
        Assert.Empty(_factory.Agent.Calls);
    }

    [Fact]
    public async Task A_body_not_received_within_the_deadline_fails()
    {
        using var factory = new GatewayFactory(bodyDeadline: TimeSpan.FromMilliseconds(300));
        var request = Post("/api/v1/capabilities/get_customer", null);
        request.Content = new StalledContent();
        var response = await factory.Client().SendAsync(request, Ct);
        await HttpAssert.ErrorAsync(response, 400, "GATEWAY_INVALID_REQUEST", "invalid json body");
        Assert.Empty(factory.Agent.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Unauthenticated_requests_get_401_before_any_other_check(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/capabilities/get_customer");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", key);
        }

        await HttpAssert.ErrorAsync(await SendAsync(request), 401, "GATEWAY_AUTH_FAILED", "invalid api key");
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal("", logged.GetProperty("api_key_name").GetString());
        Assert.Equal("get_customer", logged.GetProperty("capability").GetString());
        Assert.Equal("GATEWAY_AUTH_FAILED", logged.GetProperty("error_code").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, logged.GetProperty("count").ValueKind);
    }

    [Fact]
    public async Task Duplicated_auth_headers_get_401()
    {
        var request = Post("/api/v1/capabilities/get_customer", "{}", key: null);
        request.Headers.TryAddWithoutValidation("X-API-Key", [TestKeys.AllKey, TestKeys.AllKey]);
        await HttpAssert.ErrorAsync(await SendAsync(request), 401, "GATEWAY_AUTH_FAILED", "invalid api key");

        var twice = Post("/api/v1/capabilities/get_customer", "{}", key: null);
        twice.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + TestKeys.AllKey, "Bearer " + TestKeys.AllKey]);
        await HttpAssert.ErrorAsync(await SendAsync(twice), 401, "GATEWAY_AUTH_FAILED", "invalid api key");
    }

    [Fact]
    public async Task X_api_key_and_plain_authorization_values_authenticate()
    {
        var viaHeader = Post("/api/v1/capabilities/get_customer", "{}", key: null);
        viaHeader.Headers.TryAddWithoutValidation("X-API-Key", TestKeys.CustomerKey);
        Assert.Equal(200, (int)(await SendAsync(viaHeader)).StatusCode);

        var plain = Post("/api/v1/capabilities/get_customer", "{}", key: null);
        plain.Headers.TryAddWithoutValidation("Authorization", TestKeys.CustomerKey);
        Assert.Equal(200, (int)(await SendAsync(plain)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/capabilities/")]
    [InlineData("/api/v1/capabilities/a%2Fb")]
    [InlineData("/api/v1/capabilities/a%2fb")]
    [InlineData("/api/v1/capabilities/a/b")]
    [InlineData("/api/v1/capabilities/get_customer/")]
    public async Task Invalid_names_get_404_and_log_an_empty_capability(string path)
    {
        await HttpAssert.ErrorAsync(await SendAsync(Post(path, "{}")), 404, "GATEWAY_CAPABILITY_NOT_FOUND", "capability not found");
        Assert.Empty(_factory.Agent.Calls);
        Assert.Equal("", Assert.Single(_factory.Stdout.Events("request")).GetProperty("capability").GetString());
    }

    [Fact]
    public async Task The_name_is_percent_decoded_once()
    {
        Assert.Equal(200, (int)(await SendAsync(Post("/api/v1/capabilities/get%5Fcustomer?x=1", "{}"))).StatusCode);
        Assert.Equal(200, (int)(await SendAsync(Post("/api/v1/capabilities/a%2541", "{}"))).StatusCode);
        Assert.Equal(["get_customer", "a%41"], _factory.Agent.Calls.Select(c => c.Capability));
    }

    [Theory]
    [InlineData("/api/v1/capabilities/%C3%A9t%C3%A9", "été")]
    [InlineData("/api/v1/capabilities/caf%C3%A9%20x", "café x")]
    [InlineData("/api/v1/capabilities/%FF", "%FF")]
    [InlineData("/api/v1/capabilities/100%25", "100%")]
    public async Task Unicode_and_odd_names_reach_the_agent_decoded_once(string path, string expected)
    {
        Assert.Equal(200, (int)(await SendAsync(Post(path, "{}"))).StatusCode);
        Assert.Equal(expected, Assert.Single(_factory.Agent.Calls).Capability);
        Assert.Equal(expected, Assert.Single(_factory.Stdout.Events("request")).GetProperty("capability").GetString());
    }

    [Fact]
    public async Task A_very_long_name_is_handled_like_any_other()
    {
        var name = new string('n', 4000);
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/" + name, "{}", TestKeys.CustomerKey)), 403, "GATEWAY_CAPABILITY_DENIED", "capability not allowed");
    }

    [Fact]
    public async Task A_key_without_the_capability_gets_403_before_the_method_check()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/capabilities/get_orders");
        request.Headers.TryAddWithoutValidation("X-API-Key", TestKeys.CustomerKey);
        await HttpAssert.ErrorAsync(await SendAsync(request), 403, "GATEWAY_CAPABILITY_DENIED", "capability not allowed");
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/get_customer", "{}", TestKeys.NothingKey)), 403, "GATEWAY_CAPABILITY_DENIED", "capability not allowed");
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/Get_Customer", "{}", TestKeys.CustomerKey)), 403, "GATEWAY_CAPABILITY_DENIED", "capability not allowed");
        Assert.Empty(_factory.Agent.Calls);
        Assert.All(_factory.Stdout.Events("request"), e => Assert.Equal(403, e.GetProperty("http_status").GetInt32()));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    public async Task Other_methods_get_405_with_allow_post(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/capabilities/get_customer");
        request.Headers.TryAddWithoutValidation("X-API-Key", TestKeys.AllKey);
        var response = await SendAsync(request);
        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        if (method != "HEAD")
        {
            await HttpAssert.ErrorAsync(response, 405, "GATEWAY_METHOD_NOT_ALLOWED", "use POST");
        }
    }

    [Fact]
    public async Task Meta_is_not_defined_and_never_reaches_the_agent()
    {
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/meta", "{}")), 404, "GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined");
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/meta", "{}", TestKeys.CustomerKey)), 404, "GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined");
        Assert.Empty(_factory.Agent.Calls);
    }

    [Theory]
    [InlineData("AGENT_VALIDATION_FAILED", "missing required param: customer_id", 400)]
    [InlineData("GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined", 404)]
    [InlineData("AGENT_CONSTRAINT_VIOLATION", "database constraint violation", 409)]
    [InlineData("AGENT_AFFECTED_ROWS_EXCEEDED", "affected rows exceed policy.max_affected_rows", 409)]
    [InlineData("AGENT_RATE_LIMITED", "agent rate limit exceeded", 429)]
    [InlineData("AGENT_QUERY_FAILED", "database query failed", 502)]
    [InlineData("AGENT_DB_UNREACHABLE", "database is unreachable", 502)]
    [InlineData("AGENT_INTERNAL_ERROR", "agent internal error", 502)]
    [InlineData("AGENT_TRANSACTION_OUTCOME_UNKNOWN", "transaction outcome is unknown", 502)]
    [InlineData("AGENT_BUSY", "agent request queue is full", 503)]
    [InlineData("GATEWAY_AGENT_OFFLINE", "agent is not connected", 503)]
    [InlineData("AGENT_QUERY_TIMEOUT", "query exceeded policy.timeout", 504)]
    [InlineData("GATEWAY_TIMEOUT", "agent response timed out", 504)]
    [InlineData("GATEWAY_INVALID_REQUEST", "invalid json body", 400)]
    [InlineData("AGENT_NEW_PUBLIC_ERROR", "something new", 502)]
    public async Task Agent_errors_keep_code_and_message_with_the_mapped_status(string code, string message, int status)
    {
        _factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure(code, message);
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/get_customer", "{}")), status, code, message);
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal(status, logged.GetProperty("http_status").GetInt32());
        Assert.Equal(code, logged.GetProperty("error_code").GetString());
        Assert.Equal(message, logged.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task An_offline_agent_gives_503()
    {
        _factory.Agent.IsConnected = false;
        await HttpAssert.ErrorAsync(await SendAsync(Post("/api/v1/capabilities/get_customer", "{}")), 503, ErrorCodes.GatewayAgentOffline, "agent is not connected");
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_without_its_text_and_logged_once()
    {
        _factory.Agent.Handler = (_, _) => throw new InvalidOperationException("SECRET-DETAIL password=hunter2");
        var response = await SendAsync(Post("/api/v1/capabilities/get_customer", "{}"));
        await HttpAssert.ErrorAsync(response, 500, "GATEWAY_INTERNAL_ERROR", "unexpected gateway error");
        var logged = Assert.Single(_factory.Stdout.Events("request"));
        Assert.Equal(500, logged.GetProperty("http_status").GetInt32());
        Assert.Equal("get_customer", logged.GetProperty("capability").GetString());
        Assert.DoesNotContain("SECRET", _factory.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly_one_event_per_request_under_concurrency()
    {
        var client = _factory.Client();
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.SendAsync(
            Post(i % 2 == 0 ? "/api/v1/capabilities/get_customer" : "/api/v1/capabilities/", "{}", i % 3 == 0 ? "bad" : TestKeys.AllKey), Ct)));
        Assert.Equal(40, responses.Length);
        var events = _factory.Stdout.Events("request");
        Assert.Equal(40, events.Count);
        Assert.Equal(40, events.Select(e => e.GetProperty("request_id").GetString()).Distinct().Count());
    }

    /// <summary>Sends two bytes and then never finishes the body.</summary>
    private sealed class StalledContent : HttpContent
    {
        public StalledContent() => Headers.ContentType = new MediaTypeHeaderValue("application/json");

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync("{\""u8.ToArray());
            await stream.FlushAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A body sent in pieces without Content-Length (chunked on the wire).</summary>
    private sealed class UndeclaredLengthContent : HttpContent
    {
        private readonly byte[] _body;

        public UndeclaredLengthContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var piece in _body.Chunk(700))
            {
                await stream.WriteAsync(piece);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
