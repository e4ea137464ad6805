using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Logging;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

/// <summary>
/// No frame, however malformed, may end the agent: thousands of generated hostile frames (lone surrogates in every
/// name and value, every member with every JSON type, huge numbers, deep nesting, odd ids, broken bytes) go to the
/// session; none may throw, every answer must be a well-formed response, and a valid call is answered afterwards.
/// A frame that closes the connection is followed by a new session, as the agent's reconnect would do.
/// </summary>
public sealed class HostileFrameFuzzTests : IDisposable
{
    private const int Frames = 6000;

    private static readonly string[] HostileStrings =
    [
        "\\ud800", "\\udfff", "\\udc00\\ud800", "a\\ud800b", "\\ud800\\u0041", "\\uDBFF", "", "a", "get", "typed", "meta",
        "cancel", "text", "\\u0000", "\\\"", "é€😀", "\\ud83d\\ude00", new string('x', 129), new string('y', 3000),
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e999999", "-1e999999", "123456789012345678901234567890123456789", "-0", "0.000000000000000000000000001",
        "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "4.9e-325", "1" + new string('0', 400),
    ];

    private static readonly string[] Members = ["id", "type", "capability", "params", "traceparent", "tracestate"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onprest-fuzz-log-" + Guid.NewGuid().ToString("N"));
    private readonly AgentDetailLog _log;

    public HostileFrameFuzzTests()
    {
        Directory.CreateDirectory(_folder);
        _log = AgentDetailLog.Open(Path.Combine(_folder, "agent.log"), 10 * 1024 * 1024, 2);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Thousands_of_hostile_frames_never_end_the_session_and_a_valid_call_is_answered_afterwards(int seed)
    {
        var random = new Random(seed);
        var factory = new GatewaySessionFactory(Configuration(), new ScriptedExecutor { Block = false }, _log);
        var session = factory.Open();
        var closes = 0;
        try
        {
            for (var i = 0; i < Frames; i++)
            {
                var frame = Generate(random);
                FrameDisposition disposition;
                try
                {
                    disposition = session.OnFrame(frame);
                }
                catch (Exception ex)
                {
                    Assert.Fail($"seed {seed}, frame {i} threw {ex.GetType().Name}: {Encoding.UTF8.GetString(frame)}");
                    throw;
                }

                AssertWellFormed(Drain(session), seed, i);
                if (disposition == FrameDisposition.CloseConnection || session.Responses.Completion.IsCompleted)
                {
                    closes++;
                    await session.DisposeAsync();
                    AssertWellFormed(Drain(session), seed, i);
                    session = factory.Open();
                }
            }

            // Still serving: a valid call and the metadata call are answered on the last session.
            Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("final-call", "get"))));
            Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("final-meta", "meta"))));
            var answers = new Dictionary<string, string>();
            while (answers.Count < 2)
            {
                var answer = await NextAsync(session);
                var id = IdOf(answer);
                if (id.StartsWith("final-", StringComparison.Ordinal))
                {
                    answers[id] = answer;
                }
            }

            Assert.All(answers.Values, a => Assert.True(JsonDocument.Parse(a).RootElement.TryGetProperty("result", out _), a));
        }
        finally
        {
            await session.DisposeAsync();
        }

        // Closing frames (odd ids) occur among the generated ones; each leaves the agent able to dial again.
        Assert.True(closes > 0);
    }

    /// <summary>The exact frames of the finding, one by one, each answered or closing, never throwing, always recorded.</summary>
    [Theory]
    [InlineData("""{"id":"a","capability":"get","params":{"\ud800":1}}""")]
    [InlineData("""{"id":"a","capability":"get","params":{"o":{"\ud800":1,"\udc00":2}}}""")]
    [InlineData("""{"id":"a","type":"\ud800"}""")]
    [InlineData("""{"id":"a","capability":"\ud800","params":{}}""")]
    [InlineData("""{"id":"a","capability":"get","params":{},"traceparent":"\ud800"}""")]
    [InlineData("""{"id":"a","capability":"get","params":{},"tracestate":"\ud800"}""")]
    [InlineData("""{"id":"a","capability":"text","params":{"s":"\ud800"}}""")]
    [InlineData("""{"\ud800":1,"id":"a","capability":"get","params":{}}""")]
    public async Task Each_lone_surrogate_frame_of_the_finding_is_answered_and_recorded(string frame)
    {
        await using var session = new GatewaySessionFactory(Configuration(), new ScriptedExecutor { Block = false }, _log).Open();

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(frame)));
        var answer = JsonDocument.Parse(await NextAsync(session)).RootElement;
        Assert.True(answer.TryGetProperty("error", out _) || answer.TryGetProperty("result", out _));

        session.OnFrame(Utf8(Request("after", "get")));
        string next;
        do
        {
            next = await NextAsync(session);
        }
        while (IdOf(next) != "after");

        Assert.Contains("\"result\"", next, StringComparison.Ordinal);
        var log = File.ReadAllText(Path.Combine(_folder, "agent.log"));
        if (answer.TryGetProperty("error", out var error))
        {
            Assert.Contains("\"error_code\":\"" + error.GetProperty("code").GetString() + "\"", log, StringComparison.Ordinal);
        }
    }

    private static AgentConfiguration Configuration()
    {
        PatternCompiler.TryCompile("^[a-z]{0,8}$", out var pattern);
        return SessionFixtures.Configuration(
            2,
            SessionFixtures.Capability("get"),
            SessionFixtures.Capability("typed", null, new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true }),
            SessionFixtures.Capability(
                "text",
                null,
                new ParameterSpec { Name = "s", Type = ParamType.String, PatternText = "^[a-z]{0,8}$", Pattern = pattern, MaxLength = 100 },
                new ParameterSpec { Name = "n", Type = ParamType.Number },
                new ParameterSpec { Name = "b", Type = ParamType.Boolean },
                new ParameterSpec { Name = "e", Type = ParamType.String, Format = StringFormat.Email }));
    }

    private static void AssertWellFormed(List<string> responses, int seed, int frame)
    {
        foreach (var response in responses)
        {
            using var document = JsonDocument.Parse(response);
            var root = document.RootElement;
            Assert.True(root.GetProperty("id").ValueKind == JsonValueKind.String, $"seed {seed}, frame {frame}: {response}");
            Assert.True(root.TryGetProperty("result", out _) || root.GetProperty("error").GetProperty("code").GetString()!.Length > 0, response);
        }
    }

    private static byte[] Generate(Random random)
    {
        var text = random.Next(10) switch
        {
            0 => Value(random, random.Next(2, 300)),
            _ => Frame(random),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(12) switch
        {
            0 when bytes.Length > 1 => bytes[..random.Next(1, bytes.Length)],
            1 when bytes.Length > 1 => Mutate(random, bytes),
            _ => bytes,
        };
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static string Frame(Random random)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var member in Members)
        {
            if (random.Next(5) == 0)
            {
                continue;
            }

            var value = member switch
            {
                "id" when random.Next(3) > 0 => Quote(Pick(random, ["r", "r" + random.Next(20), "\\ud800", "", new string('i', 128), new string('i', 129), "€"])),
                "type" when random.Next(4) > 0 => "null",
                "type" when random.Next(2) > 0 => Quote(Pick(random, HostileStrings)),
                "capability" when random.Next(2) > 0 => Quote(Pick(random, ["get", "typed", "text", "meta", "nope", "\\ud800"])),
                "params" when random.Next(3) > 0 => Params(random),
                _ => Value(random, random.Next(0, 5)),
            };
            Append(builder, ref first, Quote(member), value);
        }

        for (var extra = random.Next(3); extra > 0; extra--)
        {
            Append(builder, ref first, Quote(random.Next(2) == 0 ? Pick(random, HostileStrings) : Pick(random, Members)), Value(random, random.Next(0, 4)));
        }

        return builder.Append('}').ToString();
    }

    private static string Params(Random random)
    {
        var builder = new StringBuilder("{");
        var first = true;
        for (var count = random.Next(6); count > 0; count--)
        {
            var name = random.Next(3) == 0 ? Pick(random, HostileStrings) : Pick(random, ["s", "n", "b", "e", "id", "s"]);
            Append(builder, ref first, Quote(name), Value(random, random.Next(0, 6)));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Any JSON value; <paramref name="depth"/> &gt; 128 exceeds what the reader accepts.</summary>
    private static string Value(Random random, int depth)
    {
        if (depth > 6 && random.Next(2) == 0)
        {
            // Deep nesting, sometimes past the reader's limit.
            return new string('[', depth) + Scalar(random) + new string(']', depth);
        }

        if (depth > 0)
        {
            switch (random.Next(4))
            {
                case 0:
                    return "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth - 1))) + "]";
                case 1:
                    var builder = new StringBuilder("{");
                    var first = true;
                    for (var count = random.Next(4); count > 0; count--)
                    {
                        Append(builder, ref first, Quote(Pick(random, HostileStrings)), Value(random, depth - 1));
                    }

                    return builder.Append('}').ToString();
            }
        }

        return Scalar(random);
    }

    private static string Scalar(Random random) => random.Next(6) switch
    {
        0 => Quote(Pick(random, HostileStrings)),
        1 => Pick(random, HugeNumbers),
        2 => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => Pick(random, ["true", "false"]),
        4 => "null",
        _ => Quote(Pick(random, HostileStrings)),
    };

    private static void Append(StringBuilder builder, ref bool first, string name, string value)
    {
        if (!first)
        {
            builder.Append(',');
        }

        first = false;
        builder.Append(name).Append(':').Append(value);
    }

    private static string Quote(string escapedContent) => "\"" + escapedContent + "\"";

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
