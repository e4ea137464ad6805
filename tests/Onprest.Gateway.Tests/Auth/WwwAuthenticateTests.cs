using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class WwwAuthenticateTests
{
    [Theory]
    [InlineData("POST", "/api/v1/capabilities/get_customer")]
    [InlineData("POST", "/mcp")]
    [InlineData("GET", "/openapi.json")]
    public async Task Every_401_names_the_bearer_scheme(string method, string path)
    {
        using var factory = new GatewayFactory();
        foreach (var key in new[] { null, "wrong-key" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
            };
            request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("X-API-Key", key);
            }

            var response = await factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(401, (int)response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        }
    }

    [Fact]
    public async Task Other_errors_carry_no_www_authenticate()
    {
        using var factory = new GatewayFactory();
        var response = await factory.Client().GetAsync("/nowhere", TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }
}
