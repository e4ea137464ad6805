using System.Net;
using System.Text.Json;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.WholeSystem;

/// <summary>
/// The product end to end: a caller → the published gateway → the signed WebSocket → the published agent → a real
/// database. The same suite runs per engine (one subclass each).
/// </summary>
public abstract class SystemTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : SystemFixture
{
    private OnprestSystem Sut
    {
        get
        {
            if (fixture.SkipReason is not null)
            {
                Assert.Skip(fixture.SkipReason);
            }

            return fixture.System;
        }
    }

    [Fact]
    public async Task Rest_read_returns_the_rows_byte_for_byte()
    {
        using var response = await Sut.CallAsync("get_customer", """{"id":1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"rows":[{"email":"ada@example.com","id":1,"name":"Ada Lovelace"}],"count":1}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rest_write_commits_and_returns_only_a_count()
    {
        var (status, body) = await Sut.CallJsonAsync("update_email", """{"id":2,"email":"grace.hopper@example.com"}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"count":1}""", body.GetRawText());
        Assert.Equal("grace.hopper@example.com", await Sut.Database.ReadEmailAsync(2));
    }

    [Theory]
    [InlineData("get_customer", """{"id":0}""", 400, "AGENT_VALIDATION_FAILED", "id: below minimum")]
    [InlineData("get_customer", """{"params":{"id":1}}""", 400, "AGENT_VALIDATION_FAILED", "unknown param: params")]
    [InlineData("get_customer", """{}""", 400, "AGENT_VALIDATION_FAILED", "required param missing: id")]
    [InlineData("get_customer", """{"id":"1"}""", 400, "AGENT_VALIDATION_FAILED", "id: must be integer")]
    [InlineData("no_such_capability", """{}""", 404, "GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined")]
    [InlineData("meta", """{}""", 404, "GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined")]
    [InlineData("slow_count_short", """{}""", 504, "AGENT_QUERY_TIMEOUT", "query exceeded policy.timeout")]
    public async Task Errors_keep_their_stable_code_and_public_message(string capability, string body, int status, string code, string message)
    {
        var (actualStatus, json) = await Sut.CallJsonAsync(capability, body);

        Assert.Equal(status, actualStatus);
        Assert.Equal(code, json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(message, json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_unique_violation_is_a_conflict_and_changes_nothing()
    {
        var (status, json) = await Sut.CallJsonAsync("update_email", """{"id":3,"email":"ada@example.com"}""");

        Assert.Equal(409, status);
        Assert.Equal("AGENT_CONSTRAINT_VIOLATION", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("database constraint violation", json.GetProperty("error").GetProperty("message").GetString());
        Assert.NotEqual("ada@example.com", await Sut.Database.ReadEmailAsync(3));
    }

    [Fact]
    public async Task Too_many_affected_rows_roll_back()
    {
        var (status, json) = await Sut.CallJsonAsync("rename_all", """{"name":"Everyone"}""");

        Assert.Equal(409, status);
        Assert.Equal("AGENT_AFFECTED_ROWS_EXCEEDED", json.GetProperty("error").GetProperty("code").GetString());
        var (_, rows) = await Sut.CallJsonAsync("list_customers", "{}");
        Assert.DoesNotContain(rows.GetProperty("rows").EnumerateArray(), row => row.GetProperty("name").GetString() == "Everyone");
    }

    [Fact]
    public async Task A_key_reaches_only_its_capabilities()
    {
        var (allowed, _) = await Sut.CallJsonAsync("get_customer", """{"id":1}""", Sut.ReaderKey);
        var (denied, json) = await Sut.CallJsonAsync("list_customers", "{}", Sut.ReaderKey);

        Assert.Equal(200, allowed);
        Assert.Equal(403, denied);
        Assert.Equal("GATEWAY_CAPABILITY_DENIED", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApi_is_filtered_per_key_and_hides_unexposed_capabilities()
    {
        var all = await OpenApiPathsAsync(Sut.AllKey);
        var reader = await OpenApiPathsAsync(Sut.ReaderKey);

        Assert.Contains("/api/v1/capabilities/list_customers", all);
        Assert.DoesNotContain("/api/v1/capabilities/internal_report", all);
        Assert.Equal(["/api/v1/capabilities/get_customer"], reader);
        var (status, _) = await Sut.CallJsonAsync("internal_report", "{}");
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Mcp_lists_and_calls_tools_through_the_tunnel()
    {
        var (listStatus, list) = await Sut.McpAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Sut.ReaderKey);
        var (callStatus, call) = await Sut.McpAsync("""{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"get_customer","arguments":{"id":1}}}""");

        Assert.Equal(200, listStatus);
        Assert.Equal(["get_customer"], list.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(200, callStatus);
        Assert.Equal("c1", call.GetProperty("id").GetString());
        var structured = call.GetProperty("result").GetProperty("structuredContent");
        Assert.Equal(1, structured.GetProperty("count").GetInt64());
        Assert.Equal("Ada Lovelace", structured.GetProperty("rows")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Five_hundred_calls_over_32_connections_are_each_answered_with_their_own_result()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 32 };
        using var client = new HttpClient(handler) { BaseAddress = Sut.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var calls = Enumerable.Range(0, 500).Select(async i =>
        {
            var id = 1 + (i % 3);
            using var response = await Sut.CallAsync("get_customer", $$"""{"id":{{id}}}""", client: client);
            var text = await response.Content.ReadAsStringAsync();
            return (id, response.StatusCode, text);
        });
        var results = await Task.WhenAll(calls);

        Assert.All(results, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            using var json = JsonDocument.Parse(r.text);
            Assert.Equal(r.id, json.RootElement.GetProperty("rows")[0].GetProperty("id").GetInt64());
        });
    }

    [Fact]
    public async Task Gateway_output_never_carries_params_keys_rows_or_sql()
    {
        const string canary = "canary-5e1f@example.com";
        await Sut.CallJsonAsync("update_email", $$"""{"id":3,"email":"{{canary}}"}""");
        await Sut.CallJsonAsync("get_customer", """{"id":1}""");
        await Sut.CallJsonAsync("update_email", """{"id":3,"email":"ada@example.com"}""");
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/get_customer");
        wrongKey.Headers.Add("X-API-Key", "wrong-key-9c2d");
        await Sut.Http.SendAsync(wrongKey, TestContext.Current.CancellationToken);

        var lines = Sut.AllGatewayLines().ToList();
        Assert.Contains(lines, line => line.Contains("\"request\"", StringComparison.Ordinal));
        foreach (var secret in new[] { canary, "ada@example.com", "Ada Lovelace", Sut.AllKey.Plaintext, Sut.ReaderKey.Plaintext, "wrong-key-9c2d", Sut.AgentPrivateKey, "from customers", "select id" })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task The_agent_detail_log_keeps_the_private_detail_with_the_request_id()
    {
        await Sut.CallJsonAsync("update_email", """{"id":2,"email":"ada@example.com"}""");

        var records = Sut.ReadAgentDetailLog().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(r => r.GetProperty("error_code").GetString() == "AGENT_CONSTRAINT_VIOLATION")
            .ToList();

        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            Assert.Equal(26, r.GetProperty("request_id").GetString()!.Length);
            Assert.Equal("update_email", r.GetProperty("capability").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("detail").GetString()));
        });
    }

    private async Task<List<string>> OpenApiPathsAsync(ApiKey key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        request.Headers.Authorization = new("Bearer", key.Plaintext);
        using var response = await Sut.Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class SqliteSystemTests(SqliteSystemFixture fixture) : SystemTests<SqliteSystemFixture>(fixture);

public sealed class PostgresSystemTests(PostgresSystemFixture fixture) : SystemTests<PostgresSystemFixture>(fixture);

public sealed class MariaDbSystemTests(MariaDbSystemFixture fixture) : SystemTests<MariaDbSystemFixture>(fixture);
