using System.Text;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

public sealed class GatewayFrameReaderTests
{
    [Theory]
    [InlineData("\"r1\"")]
    [InlineData("\"a\\u0062\\\"c\"")]
    [InlineData("\"é😀\"")]
    [InlineData("\"\\u00e9\\/\"")]
    public void The_raw_id_is_the_token_exactly_as_sent(string idToken)
    {
        var frame = Encoding.UTF8.GetBytes("{\"id\": " + idToken + " ,\"capability\":\"get\",\"params\":{\"customer_id\":1},\"traceparent\":\"tp\",\"tracestate\":\"ts\"}");

        var read = GatewayFrameReader.Read(frame, out var document);
        using (document)
        {
            var request = Assert.IsType<GatewayFrame.Request>(read);
            Assert.Equal(Encoding.UTF8.GetBytes(idToken), request.RawId);
            Assert.Equal(System.Text.Json.JsonSerializer.Deserialize<string>(idToken), request.Id);
            Assert.Equal(("get", true, "tp", "ts"), (request.Capability, request.ParamsValid, request.TraceParent, request.TraceState));
            Assert.Equal(1, request.Params!.Value.GetProperty("customer_id").GetInt32());
        }
    }

    private static GatewayFrame ReadWithParams(string parameters)
    {
        var read = GatewayFrameReader.Read(Encoding.UTF8.GetBytes("{\"id\":\"r1\",\"capability\":\"get\",\"params\":" + parameters + "}"), out var document);
        document?.Dispose();
        return read;
    }

    private static string Object(int members, string? repeated = null) =>
        "{" + string.Join(',', Enumerable.Range(0, members).Select(i => $"\"m{i}\":{i}")) + (repeated is null ? "" : $",\"{repeated}\":0") + "}";

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1,"b":2,"c":3,"b":4}""")]
    [InlineData("""{"a":{"k":1,"k":1}}""")]
    [InlineData("""{"a":[1,{"k":1,"k":1}]}""")]
    [InlineData("""{"x":[{"x":1},{"y":{"z":[{"q":1,"q":2}]}}]}""")]
    [InlineData("""{"a":1,"\u0061":2}""")]
    [InlineData("""{"\u0061":1,"a":2}""")]
    [InlineData("""{"é":1,"\u00e9":2}""")]
    [InlineData("""{"é":1,"é":2}""")]
    [InlineData("""{"":1,"":2}""")]
    public void Repeated_names_at_any_depth_escaped_or_not_make_the_frame_invalid(string parameters) =>
        Assert.Equal("frame has duplicate member names", Assert.IsType<GatewayFrame.Malformed>(ReadWithParams(parameters)).Detail);

    [Fact]
    public void A_repeated_frame_member_makes_the_frame_invalid()
    {
        var read = GatewayFrameReader.Read("""{"id":"r1","capability":"get","params":{},"id":"r2"}"""u8.ToArray(), out var document);
        document?.Dispose();
        Assert.Equal("frame has duplicate member names", Assert.IsType<GatewayFrame.Malformed>(read).Detail);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}""")]
    [InlineData("""{"a":1,"A":2,"a ":3}""")]
    [InlineData("""{"\u0061":1,"b":2}""")]
    [InlineData("""{"ab":1,"a":2,"b":3}""")]
    [InlineData("""{"x":[1,"a",null,{"x":{"y":[]}}]}""")]
    public void Distinct_names_are_read(string parameters) =>
        Assert.IsType<GatewayFrame.Request>(ReadWithParams(parameters));

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void Small_and_large_objects_are_checked_alike(int members)
    {
        Assert.IsType<GatewayFrame.Request>(ReadWithParams(Object(members)));
        Assert.IsType<GatewayFrame.Malformed>(ReadWithParams(Object(members, "m0")));
        Assert.IsType<GatewayFrame.Malformed>(ReadWithParams(Object(members, $"m{members - 1}")));
        Assert.IsType<GatewayFrame.Request>(ReadWithParams(Object(members, "other")));
        Assert.IsType<GatewayFrame.Malformed>(ReadWithParams("{\"outer\":" + Object(members, "m1") + "}"));
    }

    [Theory]
    [InlineData("""{"a\ud800":1}""")]
    [InlineData("""{"x":{"a\udc00":1,"b":2}}""")]
    public void A_member_name_that_is_not_valid_unicode_makes_the_frame_invalid(string parameters) =>
        Assert.Equal("frame has a member name that is not valid Unicode", Assert.IsType<GatewayFrame.Malformed>(ReadWithParams(parameters)).Detail);

    [Theory]
    [InlineData("{")]
    [InlineData("""{"id":"r1"} {}""")]
    [InlineData("""{"id":"r1","id":""")]
    public void Text_that_is_not_json_is_said_to_be_so(string frame)
    {
        var read = GatewayFrameReader.Read(Encoding.UTF8.GetBytes(frame), out var document);
        document?.Dispose();
        Assert.Equal("frame is not valid JSON", Assert.IsType<GatewayFrame.Malformed>(read).Detail);
    }
}
