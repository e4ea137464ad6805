using System.Text;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Dispatch;
using Onprest.Agent.Tests.Support;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;

namespace Onprest.Agent.Tests.Logging;

/// <summary>
/// The audit's flood, through the session a gateway talks to: calls whose params carry a 900 KB member name used to
/// put the name into the answer and into a 900 KB detail-log record each, and 45 of them rotated the whole default
/// history (10 MB × 4 files) away.
/// </summary>
public sealed class DetailLogFloodTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Forty_five_calls_with_900_KB_names_keep_the_earlier_history_and_echo_short_names()
    {
        var path = _folder.File("onprest-agent.log");
        var configuration = SessionFixtures.Configuration(
            2,
            SessionFixtures.Capability("typed", null, new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true }));
        using (var log = AgentDetailLog.Open(path, 10 * 1024 * 1024, 3))
        {
            Assert.True(log.WriteError("early-history", "typed", Contracts.Errors.PublicErrors.QueryFailed, "SQLSTATE 08006: connection lost"));
            await using var session = new GatewaySessionFactory(configuration, new ScriptedExecutor(), log).Open();
            var name = new string('n', 900 * 1024);
            for (var i = 0; i < 45; i++)
            {
                session.OnFrame(Encoding.UTF8.GetBytes(Request($"flood-{i}", "typed", $$"""{"{{name}}":1}""")));
                var response = await NextAsync(session);
                Assert.Equal("AGENT_VALIDATION_FAILED", ErrorCode(response));
                var message = System.Text.Json.JsonDocument.Parse(response).RootElement.GetProperty("error").GetProperty("message").GetString();
                Assert.Equal("unknown param: " + new string('n', 63) + "…", message);
                Assert.True(response.Length < 1024);
            }
        }

        Assert.False(File.Exists(path + ".1"));
        var records = DetailLogReader.Records(path);
        Assert.Equal("early-history", records[0].GetProperty("request_id").GetString());
        Assert.Equal(46, records.Count);
        Assert.All(File.ReadAllLines(path), line => Assert.True(Encoding.UTF8.GetByteCount(line) < 1024));
    }
}
