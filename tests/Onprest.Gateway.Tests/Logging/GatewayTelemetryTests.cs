using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Onprest.Gateway.Tests.Mcp;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Logging;

public sealed class GatewayTelemetryTests
{
    private static readonly HashSet<string> AllowedTags = ["onprest.capability", "onprest.api_key.name", "http.response.status_code", "onprest.error.code"];

    [Fact]
    public async Task Calls_record_spans_and_metrics_with_only_the_allowed_attributes()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OnprestTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var measurements = new ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OnprestTelemetry.SourceName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, tags.ToArray())));
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, tags.ToArray())));
        meters.Start();

        using var factory = new GatewayFactory();
        // Metric labels name only capabilities the agent published (others are "other").
        factory.Agent.Metadata = new Onprest.Gateway.Tunnel.AgentMetadata("{}"u8.ToArray(), new Dictionary<string, string> { ["telemetry_ok"] = "select", ["telemetry_fail"] = "select" });
        factory.Agent.Handler = (capability, _) => capability == "telemetry_ok"
            ? FakeAgentTunnel.Success("{\"count\":3}", 3)
            : FakeAgentTunnel.Failure("AGENT_QUERY_FAILED", "database query failed");
        var client = factory.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/telemetry_ok?secret=1")
        {
            Content = new StringContent("{\"p\":\"secret-value\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-API-Key", TestKeys.AllKey);
        Assert.Equal(200, (int)(await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        await McpClient.CallAsync(factory, "tools/call", "{\"name\":\"telemetry_fail\",\"arguments\":{}}");

        var mine = spans.Where(s => s.OperationName == "onprest.gateway.call" && s.GetTagItem("onprest.capability") is "telemetry_ok" or "telemetry_fail").ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, span =>
        {
            Assert.Equal("onprest.gateway.call", span.OperationName);
            Assert.All(span.TagObjects, tag => Assert.Contains(tag.Key, AllowedTags));
        });
        var failed = mine.Single(s => (string?)s.GetTagItem("onprest.capability") == "telemetry_fail");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("AGENT_QUERY_FAILED", failed.GetTagItem("onprest.error.code"));
        Assert.Equal(200, failed.GetTagItem("http.response.status_code"));

        var tunnelHops = spans.Where(s => s.OperationName == "onprest.tunnel.call" && mine.Any(c => c.SpanId == s.ParentSpanId)).ToList();
        Assert.Equal(2, tunnelHops.Count);
        var traceParents = factory.Agent.Calls.Select(c => c.TraceParent).ToList();
        Assert.All(tunnelHops, hop => Assert.Contains(hop.Id, traceParents));
        Assert.All(traceParents, tp => Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", tp));

        var recorded = measurements.Where(m => m.Tags.Any(t => t.Value is "telemetry_ok" or "telemetry_fail")).ToList();
        Assert.Contains(recorded, m => m.Instrument == "onprest.gateway.requests");
        Assert.Contains(recorded, m => m.Instrument == "onprest.gateway.request.duration");
        Assert.All(recorded, m => Assert.All(m.Tags, tag => Assert.Contains(tag.Key, AllowedTags)));
    }
}
