using Onprest.Gateway.Telemetry;

namespace Onprest.EndToEnd.Tests.Observability;

/// <summary>The shipped Grafana dashboard asks only for series the gateway exports.</summary>
public sealed class GrafanaDashboardTests
{
    [Fact]
    public void Every_query_names_only_metrics_the_gateway_exports()
    {
        var expressions = GrafanaDashboard.Expressions();
        Assert.True(expressions.Count >= 10, $"only {expressions.Count} expressions found in {GrafanaDashboard.Path}");
        foreach (var expression in expressions)
        {
            var names = GrafanaDashboard.MetricNames(expression);
            Assert.True(names.Count > 0, $"no metric found in: {expression}");
            Assert.All(names, name => Assert.True(GatewayMetricNames.PrometheusNames.Contains(name), $"{name} (in: {expression}) is not a gateway metric"));
        }
    }

    [Fact]
    public void Every_gateway_metric_is_drawn_somewhere()
    {
        var used = GrafanaDashboard.Expressions().SelectMany(GrafanaDashboard.MetricNames).ToHashSet(StringComparer.Ordinal);
        var families = GatewayMetricNames.PrometheusNames.Select(n => n.Replace("_bucket", "", StringComparison.Ordinal).Replace("_sum", "", StringComparison.Ordinal).Replace("_count", "", StringComparison.Ordinal)).Distinct();
        Assert.All(families, family => Assert.Contains(used, name => name.StartsWith(family, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""sum by (onprest_capability) (rate(onprest_gateway_requests_total{instance=~"$instance",onprest_error_code!=""}[$__rate_interval]))""", "onprest_gateway_requests_total")]
    [InlineData("""histogram_quantile(0.99, sum by (le) (rate(onprest_gateway_request_duration_seconds_bucket[5m])))""", "onprest_gateway_request_duration_seconds_bucket")]
    [InlineData("""sum(rate(a_sum[1m])) / sum(rate(b_count[1m]))""", "a_sum,b_count")]
    [InlineData("""label_values(onprest_gateway_agent_connected, instance)""", "onprest_gateway_agent_connected")]
    [InlineData("""rate(not_a_gateway_metric{job="by"}[5m]) offset 1h""", "not_a_gateway_metric")]
    public void Metric_names_are_read_from_an_expression(string expression, string expected)
    {
        Assert.Equal(expected.Split(',').Order(StringComparer.Ordinal), GrafanaDashboard.MetricNames(expression).Order(StringComparer.Ordinal));
    }
}
