using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Logging;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

/// <summary>docs/configuration.md: what admission writes to the private detail log, and what it never writes.</summary>
public sealed class GatewaySessionDetailLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onprest-admission-log-" + Guid.NewGuid().ToString("N"));
    private readonly AgentDetailLog _log;

    public GatewaySessionDetailLogTests()
    {
        Directory.CreateDirectory(_folder);
        _log = AgentDetailLog.Open(Path.Combine(_folder, "agent.log"), 10 * 1024 * 1024, 2);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private List<JsonElement> Records() =>
        File.ReadAllLines(Path.Combine(_folder, "agent.log")).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private string Text() => File.ReadAllText(Path.Combine(_folder, "agent.log"));

    [Fact]
    public async Task Unknown_control_frames_are_recorded_with_the_fixed_detail()
    {
        await using var session = new GatewaySessionFactory(Standard(2), new ScriptedExecutor(), _log).Open();
        session.OnFrame(Utf8("""{"type":"ping","id":"c1"}"""));

        var record = Assert.Single(Records());
        Assert.Equal("AGENT_INTERNAL_ERROR", record.GetProperty("error_code").GetString());
        Assert.Equal("invalid gateway request", record.GetProperty("message").GetString());
        Assert.Equal("unknown or invalid control request", record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_wire_ids_leave_no_record()
    {
        await using var session = new GatewaySessionFactory(Standard(2), new ScriptedExecutor(), _log).Open();
        session.OnFrame(Utf8("""{"id":"","capability":"get","params":{"secret":"SECRET-PARAM"}}"""));

        Assert.Empty(Text());
    }

    [Fact]
    public async Task Validation_failures_are_recorded_with_the_request_id_but_never_the_params()
    {
        await using var session = new GatewaySessionFactory(Standard(2), new ScriptedExecutor(), _log).Open();
        session.OnFrame(Utf8(Request("v1", "typed", """{"id":"SECRET-PARAM-VALUE"}""")));
        await NextAsync(session);

        var record = Assert.Single(Records());
        Assert.Equal("v1", record.GetProperty("request_id").GetString());
        Assert.Equal("typed", record.GetProperty("capability").GetString());
        Assert.Equal("AGENT_VALIDATION_FAILED", record.GetProperty("error_code").GetString());
        Assert.DoesNotContain("SECRET-PARAM-VALUE", Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limit_rejections_are_summarised_at_most_once_per_minute_per_capability()
    {
        var configuration = SessionFixtures.Configuration(
            200,
            SessionFixtures.Capability("a", new RateLimitPolicy(1, 3_600_000_000_000, 1)),
            SessionFixtures.Capability("b", new RateLimitPolicy(1, 3_600_000_000_000, 1)));
        await using var session = new GatewaySessionFactory(configuration, new ScriptedExecutor { Block = false }, _log).Open();
        for (var i = 0; i < 50; i++)
        {
            session.OnFrame(Utf8(Request("a" + i, "a")));
            session.OnFrame(Utf8(Request("b" + i, "b")));
        }

        Settle(session);
        var limited = Records().Where(r => r.GetProperty("error_code").GetString() == "AGENT_RATE_LIMITED").ToList();
        Assert.Equal(2, limited.Count);
        Assert.Equal(["a", "b"], limited.Select(r => r.GetProperty("capability").GetString()).Order());
        Assert.All(limited, r =>
        {
            Assert.Equal("agent rate limit exceeded", r.GetProperty("message").GetString());
            Assert.Equal("1 rate limit rejections since the previous record", r.GetProperty("detail").GetString());
            Assert.False(r.TryGetProperty("request_id", out _));
        });
    }

    [Fact]
    public async Task Busy_and_repeated_id_answers_are_recorded()
    {
        var executor = new ScriptedExecutor();
        await using var session = new GatewaySessionFactory(Standard(1), executor, _log).Open();
        session.OnFrame(Utf8(Request("r")));
        await WaitUntilAsync(() => executor.Running == 1);
        Send(session, Request("r"));
        Send(session, Request("w"));
        Send(session, Request("x"));

        Assert.Equal(
            ["r:AGENT_INTERNAL_ERROR:request id is already in flight", "x:AGENT_BUSY:waiting queue is full"],
            Records().Select(r => $"{r.GetProperty("request_id").GetString()}:{r.GetProperty("error_code").GetString()}:{r.GetProperty("detail").GetString()}"));
        executor.ReleaseAll();
    }
}
