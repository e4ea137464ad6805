using Onprest.Agent.Configuration;

namespace Onprest.Agent.Tests.Configuration;

/// <summary>Capability-name keys (docs/capability-yaml.md), including the <c>capabilities.1bad</c> example.</summary>
public sealed class KeySanitizerTests
{
    [Theory]
    [InlineData("max_concurrent_request")]
    [InlineData("_private")]
    [InlineData("a.b-c_d")]
    [InlineData("A")]
    [InlineData("1bad")]
    [InlineData("x-policy")]
    public void Echoes_safe_keys(string key) => Assert.Equal(key, KeySanitizer.Sanitize(key));

    [Fact]
    public void Echoes_keys_of_exactly_128_characters()
    {
        var key = "k" + new string('x', 127);
        Assert.Equal(key, KeySanitizer.Sanitize(key));
        Assert.Equal("<invalid-key>", KeySanitizer.Sanitize(key + "x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<<")]
    [InlineData("-lead")]
    [InlineData(".lead")]
    [InlineData("has space")]
    [InlineData("tab\tkey")]
    [InlineData("line\nbreak")]
    [InlineData("esc\u001b[31m")]
    [InlineData("quote\"")]
    [InlineData("ключ")]
    [InlineData("emoji😀")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("name\u0000")]
    [InlineData("ｆｕｌｌ")]
    public void Replaces_unsafe_keys(string key) => Assert.Equal("<invalid-key>", KeySanitizer.Sanitize(key));
}
