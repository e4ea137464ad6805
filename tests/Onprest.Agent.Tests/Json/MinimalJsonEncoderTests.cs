using System.Buffers;
using System.Text;
using System.Text.Json;
using Onprest.Agent.Json;

namespace Onprest.Agent.Tests.Json;

public sealed class MinimalJsonEncoderTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("Zoë", "\"Zoë\"")]
    [InlineData("😀 emoji", "\"😀 emoji\"")]
    [InlineData("<b>&'+", "\"<b>&'+\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("\u2028", "\"\u2028\"")]
    public void Escapes_only_what_json_requires(string value, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonWriting.Compact))
        {
            json.WriteStringValue(value);
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_in_valid_utf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonWriting.Compact))
        {
            json.WriteStringValue("a\ud800x");
        }

        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.WrittenSpan);
        var parsed = JsonDocument.Parse(buffer.WrittenMemory).RootElement.GetString()!;
        Assert.StartsWith("\"a\uFFFD", text);
        Assert.Equal('x', parsed[^1]);
        Assert.DoesNotContain(parsed, c => char.IsSurrogate(c));
    }

    [Fact]
    public void Property_names_use_the_same_rules()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonWriting.Compact))
        {
            json.WriteStartObject();
            json.WriteString("naïve \"k\"", "v");
            json.WriteEndObject();
        }

        Assert.Equal("{\"naïve \\\"k\\\"\":\"v\"}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
