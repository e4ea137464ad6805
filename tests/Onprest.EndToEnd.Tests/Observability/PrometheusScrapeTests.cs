using System.Net;
using System.Text.RegularExpressions;
using Onprest.EndToEnd.Tests.Infrastructure;
using Onprest.Gateway.Telemetry;

namespace Onprest.EndToEnd.Tests.Observability;

/// <summary>
/// A real Prometheus scrapes the published gateway's admin listener and the published agent's metrics endpoint
/// while the test drives successful and failing calls; the expected series and values are read back through
/// Prometheus's HTTP API, and no label carries a param, an unknown path segment or a key.
/// </summary>
[Collection(ObservedSystemCollection.Name)]
public sealed partial class PrometheusScrapeTests(ObservedSystemFixture fixture)
{
    private const string HostileName = "no_such_capability_SECRET_PATH";
    private const string HostileParam = "SECRET_PARAM_VALUE";

    [Fact]
    public async Task Prometheus_scrapes_the_expected_series_and_values()
    {
        var executable = PrometheusServer.RequireExecutable();
        var sut = fixture.System;

        for (var i = 0; i < 3; i++)
        {
            using var ok = await sut.CallAsync("get_customer", """{"id":1}""");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var invalid = await sut.CallAsync("get_customer", $$"""{"id":0,"note":"{{HostileParam}}"}""");
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var unknown = await sut.CallAsync(HostileName, """{}""", sut.ReaderKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        }

        using (var forbidden = await sut.CallAsync("list_customers", """{}""", sut.ReaderKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        await using var prometheus = await PrometheusServer.StartAsync(executable, new Dictionary<string, string>
        {
            ["onprest-gateway"] = $"127.0.0.1:{fixture.AdminPort}",
            ["onprest-agent"] = $"127.0.0.1:{fixture.AgentMetricsPort}",
        });

        await prometheus.WaitForValueAsync("""up{job="onprest-gateway"}""", 1);
        await prometheus.WaitForValueAsync("""up{job="onprest-agent"}""", 1);
        await prometheus.WaitForValueAsync("""sum(onprest_gateway_requests_total{onprest_capability="get_customer",http_response_status_code="200",onprest_error_code=""})""", 3);
        await prometheus.WaitForValueAsync("""sum(onprest_gateway_requests_total{onprest_capability="get_customer",onprest_error_code="AGENT_VALIDATION_FAILED"})""", 2);
        await prometheus.WaitForValueAsync("""sum(onprest_gateway_requests_total{onprest_capability="other",onprest_api_key_name="e2e-reader"})""", 1);
        await prometheus.WaitForValueAsync("""sum(onprest_gateway_requests_total{onprest_capability="list_customers",onprest_api_key_name="e2e-reader",http_response_status_code="403"})""", 1);
        await prometheus.WaitForValueAsync("""sum(onprest_gateway_request_duration_seconds_count{onprest_capability="get_customer"})""", 5);
        await prometheus.WaitForValueAsync("""sum(onprest_gateway_agent_duration_seconds_count{onprest_capability="get_customer"})""", 5);
        await prometheus.WaitForValueAsync("onprest_gateway_agent_connected", 1);
        await prometheus.WaitForValueAsync("onprest_gateway_agent_metadata_cached", 1);
        await prometheus.WaitForValueAsync("onprest_gateway_calls_in_flight", 0);
        // The counter counts bcrypt comparisons: the all-capabilities key matches the first entry (one), the reader key
        // (made without a key id) is compared with the first entry and then matches the second (two); later calls hit
        // the cache.
        await prometheus.WaitForValueAsync("onprest_gateway_auth_bcrypt_verifications_total", 3);

        // The agent's own set: three executions reached the database (validation failures never do).
        await prometheus.WaitForValueAsync("""sum(onprest_agent_executions_total{onprest_capability="get_customer",onprest_error_code=""})""", 3);
        await prometheus.WaitForValueAsync("""sum(onprest_agent_execution_duration_seconds_count{onprest_capability="get_customer"})""", 3);
        await prometheus.WaitForValueAsync("onprest_agent_pool_size", 16);
        await prometheus.WaitForValueAsync("onprest_agent_pool_in_use", 0);

        // The shipped Grafana dashboard's queries all evaluate against the real series.
        foreach (var expression in GrafanaDashboard.Expressions().Where(e => !e.StartsWith("label_values", StringComparison.Ordinal)))
        {
            _ = await prometheus.QueryAsync(GrafanaDashboard.Resolved(expression));
        }

        // A rate needs two scrapes of the series inside its window: poll until Prometheus has them.
        var rates = GrafanaDashboard.Resolved("""sum by (onprest_capability) (rate(onprest_gateway_requests_total{instance=~"$instance"}[$__rate_interval]))""");
        var rateDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await prometheus.QueryAsync(rates)).Count == 0 && DateTime.UtcNow < rateDeadline)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.NotEmpty(await prometheus.QueryAsync(rates));

        // Closed label sets only: capabilities the agent published or "other", configured key names, no secrets.
        var capabilities = (await prometheus.QueryAsync("count by (onprest_capability) (onprest_gateway_requests_total)")).Select(s => s.Labels["onprest_capability"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "get_customer", "list_customers", "other" }, capabilities);
        Assert.Subset(new HashSet<string> { "get_customer", "list_customers", "update_email", "rename_all", "slow_count", "slow_count_short", "internal_report", "other" }, capabilities);
        var every = await prometheus.QueryAsync("""{__name__=~"onprest_.+"}""");
        Assert.NotEmpty(every);
        Assert.All(every, series => Assert.All(series.Labels.Values, value =>
        {
            Assert.DoesNotContain("SECRET", value, StringComparison.Ordinal);
            Assert.DoesNotContain(sut.AllKey.Plaintext, value, StringComparison.Ordinal);
        }));
    }

    [Fact]
    public async Task Every_gateway_series_scraped_is_in_the_documented_list()
    {
        using var response = await fixture.Admin.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var scraped = SeriesName().Matches(text).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("onprest_", StringComparison.Ordinal)).ToHashSet();
        Assert.Contains("onprest_gateway_agent_connected", scraped);
        Assert.All(scraped, name => Assert.Contains(name, GatewayMetricNames.PrometheusNames));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/readyz")]
    [InlineData("/status")]
    public async Task The_public_port_does_not_serve_admin_paths(string path)
    {
        using var publicAnswer = await fixture.System.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, publicAnswer.StatusCode);

        using var adminAnswer = await fixture.Admin.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, adminAnswer.StatusCode);
    }

    [Fact]
    public async Task The_admin_port_serves_nothing_of_the_public_api()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/get_customer") { Content = new StringContent("""{"id":1}""") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.System.AllKey.Plaintext);
        using var response = await fixture.Admin.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", RegexOptions.Multiline)]
    private static partial Regex SeriesName();
}
