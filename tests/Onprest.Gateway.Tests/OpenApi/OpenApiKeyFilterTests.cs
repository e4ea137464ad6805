using System.Text;
using System.Text.Json;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.OpenApi;

namespace Onprest.Gateway.Tests.OpenApi;

public sealed class OpenApiKeyFilterTests
{
    private const string Document = """
        {"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{
          "/a":{"summary":"kept with its operation","post":{"x-onprest-capability":"a"},"get":{"x-onprest-capability":"b"}},
          "/b":{"post":{"x-onprest-capability":"b"}},
          "/none":{"post":{"summary":"no capability member"}},
          "/num":{"post":{"x-onprest-capability":1}},
          "/weird":"not an object"},
         "security":[{"bearerAuth":[]}]}
        """;

    private static JsonElement Filter(params string[] capabilities) => JsonDocument.Parse(
        OpenApiKeyFilter.Filter(Encoding.UTF8.GetBytes(Document), new ApiKeyEntry("k", "h", capabilities))).RootElement.Clone();

    [Fact]
    public void Removes_operations_the_key_may_not_use_and_then_empty_paths()
    {
        var paths = Filter("a").GetProperty("paths");
        Assert.Equal(["/a"], paths.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["summary", "post"], paths.GetProperty("/a").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Keeps_every_operation_the_key_may_use()
    {
        var paths = Filter("a", "b").GetProperty("paths");
        Assert.Equal(["/a", "/b"], paths.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["summary", "post", "get"], paths.GetProperty("/a").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_star_key_gets_the_document_unchanged()
    {
        var bytes = Encoding.UTF8.GetBytes(Document);
        Assert.Equal(bytes, OpenApiKeyFilter.Filter(bytes, new ApiKeyEntry("k", "h", ["x", "*"])).ToArray());
    }

    [Fact]
    public void No_capabilities_leave_empty_paths_and_everything_else()
    {
        var document = Filter();
        Assert.Equal("{}", document.GetProperty("paths").GetRawText());
        Assert.Equal("[{\"bearerAuth\":[]}]", document.GetProperty("security").GetRawText());
        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());
    }
}
