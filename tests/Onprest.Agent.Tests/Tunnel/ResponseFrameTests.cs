using System.Text.Json;
using System.Text;
using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tests.Tunnel;

public sealed class ResponseFrameTests
{
    /// <summary>The frame as <see cref="Utf8JsonWriter"/> writes it, which the hand-assembled one must equal.</summary>
    private static byte[] WrittenByWriter(byte[] rawId, byte[] result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("id");
            json.WriteRawValue(rawId, skipInputValidation: true);
            json.WritePropertyName("result");
            json.WriteRawValue(result, skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static TheoryData<string, string> Successes() => new()
    {
        { "\"\"", "{}" },
        { "\"r1\"", """{"rows":[],"count":0}""" },
        { "\"a\\u0062\\\"c\"", """{"rows":[{"name":"Ada \u00e9 😀","n":1.50}],"count":1}""" },
        { "\"" + new string('i', 128) + "\"", "{\"rows\":[" + string.Join(',', Enumerable.Repeat("""{"x":"y"}""", 5000)) + "],\"count\":5000}" },
    };

    [Theory]
    [MemberData(nameof(Successes))]
    public void A_success_is_the_id_and_result_byte_for_byte(string rawId, string result)
    {
        var id = Encoding.UTF8.GetBytes(rawId);
        var value = Encoding.UTF8.GetBytes(result);
        var frame = ResponseFrame.Success(id, value);

        Assert.Equal(WrittenByWriter(id, value), frame);
        Assert.Equal("{\"id\":" + rawId + ",\"result\":" + result + "}", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void An_empty_id_or_result_is_refused_as_the_writer_refused_it()
    {
        Assert.Throws<ArgumentException>(() => WrittenByWriter([], "{}"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => WrittenByWriter(ResponseFrame.EmptyId, []));
        Assert.Throws<ArgumentException>(() => ResponseFrame.Success([], "{}"u8));
        Assert.Throws<ArgumentException>(() => ResponseFrame.Success(ResponseFrame.EmptyId, []));
    }

    [Fact]
    public void An_error_has_the_code_and_a_message_only_when_there_is_one()
    {
        Assert.Equal(
            """{"id":"r1","error":{"code":"AGENT_RATE_LIMITED","message":"rate \u003Climit\u003E \u00E9"}}""",
            Encoding.UTF8.GetString(ResponseFrame.Error("\"r1\""u8.ToArray(), new PublicError("AGENT_RATE_LIMITED", "rate <limit> é"))));
        Assert.Equal(
            """{"id":"","error":{"code":"X"}}""",
            Encoding.UTF8.GetString(ResponseFrame.Error(ResponseFrame.EmptyId, new PublicError("X", ""))));
    }

    [Fact]
    public void A_long_error_message_is_written_whole()
    {
        var message = new string('m', 10_000);
        var frame = Encoding.UTF8.GetString(ResponseFrame.Error("\"r\""u8.ToArray(), new PublicError("C", message)));
        Assert.Equal("{\"id\":\"r\",\"error\":{\"code\":\"C\",\"message\":\"" + message + "\"}}", frame);
    }
}
