using System.Text;
using System.Text.Json;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Tests.Http;

public sealed class JsonBodyValidatorTests
{
    private static JsonValueKind? Validate(string text) => JsonBodyValidator.Validate(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("{}", JsonValueKind.Object)]
    [InlineData(" \r\n\t{\"a\":1} \n", JsonValueKind.Object)]
    [InlineData("null", JsonValueKind.Null)]
    [InlineData("[]", JsonValueKind.Array)]
    [InlineData("\"x\"", JsonValueKind.String)]
    [InlineData("-0.5e-7", JsonValueKind.Number)]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}", JsonValueKind.Object)]
    [InlineData("{\"é\":1,\"e\\u0301\":2}", JsonValueKind.Object)]
    [InlineData("{\"\\ud83d\\ude00\":\"😀\"}", JsonValueKind.Object)]
    public void Accepts_one_value(string text, JsonValueKind kind) => Assert.Equal(kind, Validate(text));

    [Theory]
    [InlineData("")]
    [InlineData("{} []")]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("{\"a\":{\"x\":1,\"x\":2}}")]
    [InlineData("[{\"x\":1,\"x\":2}]")]
    [InlineData("{\"\\u00e9\":1,\"é\":2}")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("// c\n{}")]
    [InlineData("{\"a\":1}\u0000")]
    [InlineData("{\"a\":'x'}")]
    [InlineData("{\"a\":+1}")]
    [InlineData("{\"a\":.5}")]
    [InlineData("{\"a\":Infinity}")]
    [InlineData("{\"a\":\"\t\"}")]
    public void Refuses_everything_else(string text) => Assert.Null(Validate(text));

    [Fact]
    public void Refuses_invalid_utf8_anywhere()
    {
        Assert.Null(JsonBodyValidator.Validate([(byte)'"', 0xFF, (byte)'"']));
        Assert.Null(JsonBodyValidator.Validate([(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']));
        Assert.Null(JsonBodyValidator.Validate([(byte)'{', (byte)'}', 0xC0]));
    }

    [Fact]
    public void Refuses_invalid_utf8_in_member_names_escaped_strings_and_nested_values()
    {
        Assert.Null(JsonBodyValidator.Validate([(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
        Assert.Null(JsonBodyValidator.Validate([(byte)'[', (byte)'"', (byte)'\\', (byte)'n', 0xF8, (byte)'"', (byte)']']));
        Assert.Null(JsonBodyValidator.Validate([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'[', (byte)'"', 0xE2, 0x82, (byte)'"', (byte)']', (byte)'}']));
        Assert.Null(JsonBodyValidator.Validate([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', 0xC2, 0xA0, (byte)'1', (byte)'}']));
    }

    /// <summary>
    /// UTF-8 is checked token by token inside the one reading pass, not over the whole body first: over thousands of
    /// bodies with random bytes swapped in, none that is not valid UTF-8 as a whole is ever accepted.
    /// </summary>
    [Fact]
    public void No_body_that_is_not_valid_utf8_is_accepted()
    {
        var random = new Random(20261206);
        var seeds = new[]
        {
            "{\"name\":\"Zoë 😀\",\"tags\":[\"a\",\"\\u00e9\"],\"n\":{\"x\":-1.5e3,\"y\":null}}",
            "[\"é\",{\"ü\":\"\\\"\"},true,false]",
            "\"plain\"",
        };
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var body = Encoding.UTF8.GetBytes(seeds[i % seeds.Length]);
            for (var swaps = 1 + random.Next(2); swaps > 0; swaps--)
            {
                body[random.Next(body.Length)] = (byte)(random.Next(2) == 0 ? 0x80 + random.Next(0x80) : random.Next(0x100));
            }

            if (JsonBodyValidator.Validate(body) is not null)
            {
                accepted++;
                Assert.True(System.Text.Unicode.Utf8.IsValid(body), Convert.ToHexString(body));
            }
        }

        Assert.InRange(accepted, 100, 20_000);
    }

    [Fact]
    public void Depth_64_passes_and_65_fails()
    {
        Assert.Equal(JsonValueKind.Array, Validate(new string('[', 64) + new string(']', 64)));
        Assert.Null(Validate(new string('[', 65) + new string(']', 65)));
        Assert.Null(Validate(new string('[', 100_000)));
    }

    [Fact]
    public void Large_objects_with_distinct_names_pass_and_one_late_duplicate_fails()
    {
        var members = string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"\"m{i}\":{i}"));
        Assert.Equal(JsonValueKind.Object, Validate("{" + members + "}"));
        Assert.Null(Validate("{" + members + ",\"m0\":1}"));
    }
}
