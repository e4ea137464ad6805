using Microsoft.AspNetCore.Http;
using Onprest.Gateway.Auth;

namespace Onprest.Gateway.Tests.Auth;

public sealed class ApiKeyHeadersTests
{
    private static string? Read(string[]? authorization, string[]? apiKey)
    {
        var headers = new HeaderDictionary();
        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        if (apiKey is not null)
        {
            headers["X-API-Key"] = apiKey;
        }

        return ApiKeyHeaders.TryReadToken(headers, out var token) ? token.ToString() : null;
    }

    [Theory]
    [InlineData(new[] { "Bearer abc" }, null, "abc")]
    [InlineData(new[] { "abc" }, null, "abc")]
    [InlineData(new[] { "bearer abc" }, null, "bearer abc")]
    [InlineData(new[] { "Bearer  abc" }, null, " abc")]
    [InlineData(new[] { "Bearer " }, new[] { "xyz" }, "xyz")]
    [InlineData(new[] { "Bearer" }, new[] { "xyz" }, "xyz")]
    [InlineData(new[] { "bearer" }, new[] { "xyz" }, "bearer")]
    [InlineData(new[] { "BearerX" }, new[] { "xyz" }, "BearerX")]
    [InlineData(null, new[] { "xyz" }, "xyz")]
    [InlineData(new[] { "Bearer abc" }, new[] { "xyz" }, "abc")]
    [InlineData(new[] { "" }, new[] { "xyz" }, "xyz")]
    public void Reads_the_token(string[]? authorization, string[]? apiKey, string expected) =>
        Assert.Equal(expected, Read(authorization, apiKey));

    [Theory]
    [InlineData(null, null)]
    [InlineData(new[] { "Bearer " }, null)]
    [InlineData(new[] { "Bearer" }, null)]
    [InlineData(new[] { "Bearer " }, new[] { "" })]
    [InlineData(new[] { "Bearer a", "Bearer a" }, null)]
    [InlineData(null, new[] { "a", "a" })]
    [InlineData(new[] { "Bearer a" }, new[] { "a", "b" })]
    public void Missing_empty_or_repeated_headers_give_no_token(string[]? authorization, string[]? apiKey) =>
        Assert.Null(Read(authorization, apiKey));
}
