using System.Text;
using System.Text.Json;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Mcp;

/// <summary>Posts raw JSON-RPC bodies to <c>/mcp</c> the way a Streamable HTTP client does.</summary>
internal static class McpClient
{
    public static HttpRequestMessage Request(string body, string? key = TestKeys.AllKey, string? version = null, string accept = "application/json, text/event-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", version);
        }

        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    public static async Task<(int Status, string Body)> SendAsync(GatewayFactory factory, HttpRequestMessage request)
    {
        var response = await factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static Task<(int Status, string Body)> CallAsync(GatewayFactory factory, string method, string? paramsJson, string id = "1", string? version = "2025-11-25", string? key = TestKeys.AllKey)
    {
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"" + (paramsJson is null ? "" : ",\"params\":" + paramsJson) + "}";
        return SendAsync(factory, Request(body, key, version));
    }

    public static string Error(string id, int code, string message, string dataCode) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":" + JsonSerializer.Serialize(message) + ",\"data\":{\"code\":\"" + dataCode + "\"}}}";
}
