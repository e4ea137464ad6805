using System.Text;
using System.Text.Json;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.OpenApi;

public sealed class OpenApiFinalizerTests
{
    private static JsonElement Finalize(GatewayOptions options) =>
        JsonDocument.Parse(new OpenApiFinalizer(options).Finalize(OpenApiDocuments.AgentBytes)).RootElement.Clone();

    [Fact]
    public void Adds_servers_security_schemes_and_security_replacing_the_agents()
    {
        var document = Finalize(TestKeys.Options());
        Assert.Equal("[{\"url\":\"http://localhost:8080\"}]", document.GetProperty("servers").GetRawText());
        Assert.Equal(
            "{\"bearerAuth\":{\"type\":\"http\",\"scheme\":\"bearer\"},\"apiKeyAuth\":{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-API-Key\"}}",
            document.GetProperty("components").GetProperty("securitySchemes").GetRawText());
        Assert.Equal("[{\"bearerAuth\":[]},{\"apiKeyAuth\":[]}]", document.GetProperty("security").GetRawText());
        Assert.Equal("{\"type\":\"string\"}", document.GetProperty("components").GetProperty("schemas").GetProperty("Kept").GetRawText());
    }

    [Fact]
    public void Keeps_big_integers_and_unicode_exact()
    {
        var text = Encoding.UTF8.GetString(new OpenApiFinalizer(TestKeys.Options()).Finalize(OpenApiDocuments.AgentBytes));
        Assert.Contains("\"maximum\":9223372036854775807", text, StringComparison.Ordinal);
        Assert.Contains("\"default\":9007199254740993", text, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"é\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":8080", "", 8080, null, "http://localhost:8080")]
    [InlineData("0.0.0.0:9000", "0.0.0.0", 9000, null, "http://localhost:9000")]
    [InlineData("[::]:9000", "::", 9000, null, "http://localhost:9000")]
    [InlineData("127.0.0.1:81", "127.0.0.1", 81, null, "http://127.0.0.1:81")]
    [InlineData("[::1]:81", "::1", 81, null, "http://[::1]:81")]
    [InlineData("localhost:81", "localhost", 81, null, "http://localhost:81")]
    [InlineData(":8080", "", 8080, "https://gw.example.com/base", "https://gw.example.com/base")]
    public void Server_url_comes_from_the_public_url_or_the_listen_address(string addr, string host, int port, string? publicUrl, string expected)
    {
        var options = TestKeys.Options(o => o with { Addr = addr, Listen = new ListenAddress(host, port), PublicUrl = publicUrl });
        Assert.Equal(expected, ServerUrl.For(options));
        Assert.Equal(expected, Finalize(options).GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"openapi\":\"3.1.0\"}")]
    [InlineData("{\"paths\":[]}")]
    [InlineData("{")]
    public void Unusable_documents_are_format_errors(string document) =>
        Assert.Throws<FormatException>(() => new OpenApiFinalizer(TestKeys.Options()).Finalize(Encoding.UTF8.GetBytes(document)));
}
