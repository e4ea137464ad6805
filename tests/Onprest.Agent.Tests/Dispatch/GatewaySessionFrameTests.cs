using Onprest.Agent.Execution;
using Onprest.Agent.OpenApi;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

public sealed class GatewaySessionFrameTests
{
    private const string InvalidRequestEmptyId = """{"id":"","error":{"code":"AGENT_INTERNAL_ERROR","message":"invalid gateway request"}}""";

    public static TheoryData<string> Malformed => new()
    {
        "",
        "not json",
        "[]",
        "\"text\"",
        "42",
        "null",
        "{\"id\":\"a\"",
        "{\"id\":\"a\"} {}",
        "{\"id\":\"a\",\"id\":\"b\",\"capability\":\"get\",\"params\":{}}",
        "{\"id\":\"a\",\"capability\":\"get\",\"params\":{\"x\":1,\"x\":2}}",
        "{\"id\":\"a\",\"capability\":\"get\",\"params\":{\"o\":{\"k\":1,\"k\":1}}}",
        "{\"id\":\"a\",\"capability\":\"get\",\"params\":{\"l\":[{\"k\":1,\"k\":1}]}}",
        "{\"id\":\"a\",\"type\":5}",
        "{\"id\":\"a\",\"type\":null}",
        "{\"id\":\"a\",\"type\":{}}",
        "{\"type\":\"cancel\",\"type\":\"cancel\",\"id\":\"a\"}",
        "{\"id\":\"a\",\"capability\":\"get\",\"params\":" + new string('[', 200) + new string(']', 200) + "}",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Unreadable_frames_are_answered_with_an_empty_id(string frame)
    {
        await using var session = Open(new ScriptedExecutor());

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(frame)));
        Assert.Equal([InvalidRequestEmptyId], Drain(session));
    }

    [Fact]
    public async Task Invalid_utf8_is_answered_with_an_empty_id()
    {
        await using var session = Open(new ScriptedExecutor());

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(new byte[] { (byte)'{', 0xff, (byte)'}' }));
        Assert.Equal([InvalidRequestEmptyId], Drain(session));
    }

    public static TheoryData<string> InvalidIds => new()
    {
        "{\"capability\":\"get\",\"params\":{}}",
        "{\"id\":\"\",\"capability\":\"get\",\"params\":{}}",
        "{\"id\":7,\"capability\":\"get\",\"params\":{}}",
        "{\"id\":null,\"capability\":\"get\",\"params\":{}}",
        "{\"id\":[\"a\"],\"capability\":\"get\",\"params\":{}}",
        "{\"id\":\"" + new string('a', 129) + "\",\"capability\":\"get\",\"params\":{}}",
        "{\"id\":\"" + string.Concat(Enumerable.Repeat("€", 43)) + "\",\"capability\":\"get\",\"params\":{}}",
        "{\"id\":\"\\ud800\",\"capability\":\"get\",\"params\":{}}",
        "{\"id\":\"\",\"type\":\"\",\"capability\":\"get\",\"params\":{}}",
        "{\"type\":\"cancel\"}",
        "{\"type\":\"cancel\",\"id\":\"\"}",
        "{\"type\":\"cancel\",\"id\":3}",
        "{\"type\":\"cancel\",\"id\":\"" + new string('a', 129) + "\"}",
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task An_invalid_wire_id_closes_the_connection_without_a_response(string frame)
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor);

        Assert.Equal(FrameDisposition.CloseConnection, session.OnFrame(Utf8(frame)));
        Assert.Empty(Drain(session));
        Assert.Empty(executor.Started);
    }

    [Theory]
    [InlineData(128, 1)]
    [InlineData(42, 3)]
    [InlineData(32, 4)]
    public async Task Ids_of_up_to_128_utf8_bytes_are_accepted(int count, int bytesEach)
    {
        var unit = bytesEach switch { 1 => "a", 3 => "€", _ => "😀" };
        var id = string.Concat(Enumerable.Repeat(unit, bytesEach == 4 ? count : count));
        if (bytesEach == 4)
        {
            id = string.Concat(Enumerable.Repeat(unit, 32));
        }

        var executor = new ScriptedExecutor { Block = false };
        await using var session = Open(executor);

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request(id))));
        Assert.Equal(id, IdOf(await NextAsync(session)));
    }

    [Fact]
    public async Task The_id_is_echoed_exactly_as_sent()
    {
        var executor = new ScriptedExecutor { Block = false };
        await using var session = Open(executor);
        session.OnFrame(Utf8("""{"id":"a\u0062\"c","capability":"get","params":{}}"""));

        Assert.StartsWith("""{"id":"a\u0062\"c","result":""", await NextAsync(session), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"r1\",\"capability\":5,\"params\":{}}")]
    [InlineData("{\"id\":\"r1\",\"params\":{}}")]
    [InlineData("{\"id\":\"r1\",\"capability\":null,\"params\":{}}")]
    [InlineData("{\"id\":\"r1\",\"capability\":\"get\",\"params\":[]}")]
    [InlineData("{\"id\":\"r1\",\"capability\":\"get\",\"params\":\"x\"}")]
    [InlineData("{\"id\":\"r1\",\"capability\":\"get\",\"params\":1}")]
    [InlineData("{\"id\":\"r1\",\"capability\":\"get\"}")]
    [InlineData("{\"id\":\"r1\",\"type\":\"\",\"capability\":\"get\",\"params\":true}")]
    public async Task A_valid_id_with_a_bad_capability_or_params_is_answered_with_that_id(string frame)
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor);

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(frame)));
        Assert.Equal(["""{"id":"r1","error":{"code":"AGENT_INTERNAL_ERROR","message":"invalid gateway request"}}"""], Drain(session));
        Assert.Empty(executor.Started);
    }

    [Theory]
    [InlineData("{\"type\":\"ping\",\"id\":\"a\"}")]
    [InlineData("{\"type\":\"other\"}")]
    [InlineData("{\"type\":\"CANCEL\",\"id\":\"a\"}")]
    public async Task Unknown_control_types_are_ignored(string frame)
    {
        await using var session = Open(new ScriptedExecutor());

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(frame)));
        Assert.Empty(Drain(session));
    }

    [Fact]
    public async Task Unknown_members_and_trace_context_are_ignored()
    {
        var executor = new ScriptedExecutor { Block = false };
        await using var session = Open(executor);
        session.OnFrame(Utf8("""{"id":"t1","capability":"get","params":null,"traceparent":"00-x","tracestate":"a=b","future":{"x":[1]}}"""));

        Assert.Equal("""{"id":"t1","result":{"rows":[],"count":0}}""", await NextAsync(session));
    }

    [Fact]
    public async Task The_meta_call_answers_the_metadata_document()
    {
        var configuration = Standard(2);
        await using var session = new GatewaySessionFactory(configuration, new ScriptedExecutor(), null).Open();
        session.OnFrame(Utf8(Request("m1", "meta")));

        var expected = """{"id":"m1","result":""" + System.Text.Encoding.UTF8.GetString(MetadataAnswer.Build(configuration)) + "}";
        Assert.Equal(expected, await NextAsync(session));
    }

    [Fact]
    public async Task Cancelling_an_unknown_id_is_ignored()
    {
        await using var session = Open(new ScriptedExecutor());

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Cancel("nobody"))));
        Assert.Empty(Drain(session));
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(31, 64)]
    [InlineData(32, 65)]
    [InlineData(100, 201)]
    public void The_response_queue_holds_max_64_or_2N_plus_1(int n, int capacity) =>
        Assert.Equal(capacity, GatewaySession.ResponseCapacity(n));

    [Fact]
    public async Task A_full_response_queue_closes_the_connection()
    {
        await using var session = Open(new ScriptedExecutor(), n: 2);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8("garbage")));
        }

        Assert.Equal(FrameDisposition.CloseConnection, session.OnFrame(Utf8("garbage")));
    }

    internal static IGatewaySession Open(ICapabilityExecutor executor, int n = 4) =>
        new GatewaySessionFactory(Standard(n), executor, null).Open();
}
