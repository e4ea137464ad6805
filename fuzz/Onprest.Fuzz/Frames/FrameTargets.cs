using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Execution;
using Onprest.Fuzz.Running;

namespace Onprest.Fuzz.Frames;

/// <summary>
/// The tunnel frame reader, reached the way the gateway reaches it: through a session's frame entry point. The
/// harness only opens sessions, hands them frames and reads their answers, so it keeps working when the reading code
/// behind that entry point moves.
/// </summary>
public static class FrameTargets
{
    public static FuzzReport Run(long iterations, int seed, TimeSpan? perInputLimit = null)
    {
        var report = new FuzzReport("frames", seed);
        var configuration = ExampleConfiguration();
        var factory = new GatewaySessionFactory(configuration, new InstantExecutor(), log: null);
        var session = factory.Open();
        var sinceProbe = 0;
        FuzzLoop.Run(
            report,
            iterations,
            FrameGenerator.Frame,
            (frame, r) =>
            {
                var disposition = session.OnFrame(frame);
                DrainAndCheck(session, frame, r);
                if (disposition == FrameDisposition.CloseConnection)
                {
                    // Allowed (invalid ids); the transport would drop the connection and the agent re-dials.
                    r.Count("connection closed by a frame");
                    session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    session = factory.Open();
                }

                if (++sinceProbe >= 500)
                {
                    sinceProbe = 0;
                    Probe(session, r);
                }
            },
            frame => Encoding.UTF8.GetString(frame),
            perInputLimit ?? TimeSpan.FromSeconds(2));
        Probe(session, report);
        session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return report;
    }

    /// <summary>The SQLite example file, read and linted like the agent does (a real configuration, no database needed).</summary>
    public static AgentConfiguration ExampleConfiguration()
    {
        var path = Repository.ExampleCapabilityFiles().Single(f => f.EndsWith("capability.sqlite.yaml", StringComparison.Ordinal));
        var result = CapabilityFileLoader.Load(path);
        return result.Configuration ?? throw new InvalidOperationException("the example capability file does not load: " + result.Error);
    }

    /// <summary>A good request after hostile ones must still be answered: the session keeps serving.</summary>
    private static void Probe(IGatewaySession session, FuzzReport report)
    {
        DrainAndCheck(session, [], report);
        var id = "probe-" + report.Inputs;
        session.OnFrame(Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"capability\":\"get_customer\",\"params\":{\"customer_id\":1}}"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var answer = session.Responses.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
                if (Encoding.UTF8.GetString(answer.Span).Contains(id, StringComparison.Ordinal))
                {
                    report.Count("probes answered");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            report.Fail("the session stopped answering a good request", id);
        }
    }

    private static void DrainAndCheck(IGatewaySession session, byte[] frame, FuzzReport report)
    {
        while (session.Responses.TryRead(out var answer))
        {
            report.Count("answers");
            try
            {
                using var document = JsonDocument.Parse(answer);
                if (!document.RootElement.TryGetProperty("id", out _))
                {
                    report.Fail("an answer without an id", Encoding.UTF8.GetString(frame));
                }
            }
            catch (JsonException)
            {
                report.Fail("an answer that is not JSON: " + Encoding.UTF8.GetString(answer.Span), Encoding.UTF8.GetString(frame));
            }
        }
    }

    /// <summary>Answers every call at once with an empty result: the target is the frame path, not the database.</summary>
    private sealed class InstantExecutor : ICapabilityExecutor
    {
        private static readonly byte[] Empty = """{"rows":[],"count":0}"""u8.ToArray();

        public Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken) =>
            Task.FromResult<ExecutionOutcome>(new ExecutionOutcome.Success(Empty));
    }
}
