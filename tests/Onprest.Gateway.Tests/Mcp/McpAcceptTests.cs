using Microsoft.Extensions.Primitives;
using Onprest.Gateway.Mcp;

namespace Onprest.Gateway.Tests.Mcp;

public sealed class McpAcceptTests
{
    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("application/json")]
    [InlineData("application/json, text/event-stream")]
    [InlineData("Application/JSON; charset=utf-8")]
    [InlineData("text/html;q=1, application/json;q=0.001")]
    [InlineData("application/json;q=NaN, application/*")]
    [InlineData("application/json;q=-1, */*;q=0.1")]
    [InlineData("application/json;q=0, application/json;q=0.5")]
    [InlineData(" , ,application/json")]
    public void Acceptable(string accept) => Assert.True(McpAccept.AllowsJson(accept));

    [Theory]
    [InlineData("text/event-stream")]
    [InlineData("text/html")]
    [InlineData("application/json;q=0, text/event-stream;q=1")]
    [InlineData("application/json;q=0, */*;q=1")]
    [InlineData("application/*;q=0, */*;q=1")]
    [InlineData("*/*;q=0")]
    [InlineData("application/json;q=1.5")]
    [InlineData("")]
    [InlineData("application/jsonx")]
    public void Not_acceptable(string accept) => Assert.False(McpAccept.AllowsJson(accept));

    [Fact]
    public void No_header_is_acceptable_and_all_lines_count()
    {
        Assert.True(McpAccept.AllowsJson(StringValues.Empty));
        Assert.True(McpAccept.AllowsJson(new StringValues(["text/html", "application/json"])));
        Assert.False(McpAccept.AllowsJson(new StringValues(["application/json;q=0", "text/html"])));
    }
}
