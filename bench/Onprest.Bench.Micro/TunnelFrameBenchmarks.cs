using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Execution;
using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Tunnel;

namespace Onprest.Bench.Micro;

/// <summary>
/// One call's frame work on each side of the tunnel, for a <c>get_customer</c>-like result (one row of about
/// 200 bytes) and a <c>list_orders</c>-like one (20 such rows): the gateway builds the request frame and parses
/// and validates the response (as <c>AgentTunnel.CallAsync</c> does); the agent reads the request frame and
/// builds the response frame.
/// </summary>
[MemoryDiagnoser]
public class TunnelFrameBenchmarks
{
    private const string RequestId = "01J9Z3Q7K8X2V4T6R8N0M2P4S6";
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private byte[] _params = [];
    private byte[] _requestFrame = [];
    private byte[] _rawId = [];
    private byte[] _result = [];
    private byte[] _responseFrame = [];

    [Params("get_customer", "list_orders")]
    public string Capability { get; set; } = "get_customer";

    [GlobalSetup]
    public void Setup()
    {
        var rows = Capability == "list_orders" ? 20 : 1;
        _params = Capability == "list_orders" ? """{"customer_id":4242,"limit":20}"""u8.ToArray() : """{"customer_id":4242}"""u8.ToArray();
        _requestFrame = RequestFrame.TryBuild(RequestId, Capability, _params, TraceParent, null)
            ?? throw new InvalidOperationException("the request frame was refused");
        _rawId = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(RequestId));

        var result = new StringBuilder("{\"rows\":[");
        for (var i = 0; i < rows; i++)
        {
            result.Append(i == 0 ? "" : ",").Append(
                $$"""{"balance":"1234.56","city":"London","country":"GB","created_at":"2026-01-02T03:04:05Z","email":"ada{{i}}@example.com","id":{{4242 + i}},"name":"Ada Lovelace","phone":"+44 20 7946 0958","status":"active"}""");
        }

        _result = Encoding.UTF8.GetBytes(result.Append("],\"count\":").Append(rows).Append('}').ToString());
        _responseFrame = ResponseFrame.Success(_rawId, _result);
    }

    [Benchmark]
    public byte[]? Gateway_build_request() => RequestFrame.TryBuild(RequestId, Capability, _params, TraceParent, null);

    [Benchmark]
    public long Gateway_parse_and_validate_response()
    {
        var response = ResponseFrame.Parse(_responseFrame, out _);
        return response?.Result is { } result && SuccessValidator.TryReadCount(result, out var count) ? count : -1;
    }

    [Benchmark]
    public int Agent_read_request()
    {
        var frame = GatewayFrameReader.Read(_requestFrame, out var document);
        using (document)
        {
            return frame is GatewayFrame.Request { ParamsValid: true } request ? request.RawId.Length : -1;
        }
    }

    [Benchmark]
    public byte[] Agent_build_response() => ResponseFrame.Success(_rawId, _result);

    /// <summary>The answer to a call refused before it runs (here: rate limited); the same for both shapes.</summary>
    [Benchmark]
    public byte[] Agent_build_error_response() => ResponseFrame.Error(_rawId, PublicErrors.AgentRateLimited);
}
