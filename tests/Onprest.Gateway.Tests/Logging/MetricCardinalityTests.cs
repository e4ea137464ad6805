using System.Net;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Logging;

/// <summary>
/// Hostile case: anyone can send requests with made-up paths. Before, a REST request that failed authentication
/// recorded its capability name (taken from the path) as a metric attribute, so each new name was a new series.
/// </summary>
public sealed class MetricCardinalityTests
{
    [Fact]
    public async Task Requests_that_fail_authentication_never_put_their_path_into_metric_attributes()
    {
        var exported = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(OnprestTelemetry.SourceName)
            .AddInMemoryExporter(exported)
            .Build();

        using var factory = new GatewayFactory();
        var client = factory.Client();
        var marker = "probe" + Guid.NewGuid().ToString("N");
        var names = Enumerable.Range(0, 20).Select(i => marker + i).ToList();
        foreach (var (name, i) in names.Select((name, i) => (name, i)))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/" + name)
            {
                Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            // No key, a wrong key, and a bare "Bearer" in turn.
            if (i % 3 == 1)
            {
                request.Headers.TryAddWithoutValidation("X-API-Key", "wrong-key");
            }
            else if (i % 3 == 2)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer");
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        // An authenticated call is labelled too, but only from the closed set: a name the agent never published is "other".
        var allowed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/" + marker + "ok")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        allowed.Headers.TryAddWithoutValidation("X-API-Key", TestKeys.AllKey);
        await client.SendAsync(allowed, TestContext.Current.CancellationToken);

        meters.ForceFlush();
        var points = new List<(string Metric, Dictionary<string, object?> Tags)>();
        foreach (var metric in exported)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                points.Add((metric.Name, tags));
            }
        }

        var capabilities = points.Select(p => p.Tags.GetValueOrDefault(OnprestTelemetry.CapabilityAttribute) as string).ToList();
        Assert.DoesNotContain(capabilities, c => c is not null && names.Contains(c));
        Assert.Contains(points, p => p.Metric == "onprest.gateway.requests" && Convert.ToInt64(p.Tags.GetValueOrDefault(OnprestTelemetry.StatusCodeAttribute) ?? -1, System.Globalization.CultureInfo.InvariantCulture) == 401
            && Equals(p.Tags.GetValueOrDefault(OnprestTelemetry.CapabilityAttribute), ""));
        Assert.DoesNotContain(marker + "ok", capabilities);
        Assert.Contains("other", capabilities);
    }
}
