using System.Text.Json;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>Assertions on the gateway's error body (docs/gateway.md).</summary>
public static class HttpAssert
{
    public static async Task ErrorAsync(HttpResponseMessage response, int status, string code, string message)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{{\"error\":{{\"code\":\"{code}\",\"message\":{JsonSerializer.Serialize(message)}}}}}\n", body);
    }
}
