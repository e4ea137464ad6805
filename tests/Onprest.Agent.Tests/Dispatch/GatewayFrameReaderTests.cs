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
}
