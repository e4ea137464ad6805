using System.Diagnostics;
using Microsoft.Playwright;
using Onprest.AppHost.Tests.Infrastructure;

namespace Onprest.AppHost.Tests.Dashboard;

/// <summary>
/// The Aspire dashboard in a real browser (Debian's Chromium, driven by Playwright): log in with the token link,
/// see the gateway and the agent running, and find one REST call as one trace with the gateway's and the agent's spans.
/// </summary>
public sealed class DashboardTests(OnprestApp app)
{
    private static readonly float Patience = (float)TimeSpan.FromSeconds(60).TotalMilliseconds;

    [Fact]
    public async Task Login_link_shows_gateway_and_agent_running()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;

        await page.GotoAsync(new Uri(app.DashboardUrl, $"/login?t={app.BrowserToken}").ToString());

        foreach (var resource in new[] { "gateway", "agent" })
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByText(resource, new() { Exact = true }) });
            await Assertions.Expect(row.First).ToContainTextAsync("Running", new() { Timeout = Patience });
        }
    }

    [Fact]
    public async Task One_rest_call_is_one_trace_across_gateway_and_agent()
    {
        // The call carries a trace id of our own, so the dashboard page of exactly this trace can be opened.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var traceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        var (status, _) = await app.PostJsonAsync("/api/v1/capabilities/get_customer", """{"customer_id":2}""",
            configure: request => request.Headers.Add("traceparent", traceParent));
        Assert.Equal(200, status);

        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await page.GotoAsync(new Uri(app.DashboardUrl, $"/login?t={app.BrowserToken}").ToString());
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = Patience });

        // Spans are exported in batches: reload the trace page until the agent's database span has arrived.
        var detail = new Uri(app.DashboardUrl, $"/traces/detail/{traceId}").ToString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await page.GotoAsync(detail);
            try
            {
                await Assertions.Expect(page.GetByText("onprest.db.execute").First).ToBeVisibleAsync(new() { Timeout = 5000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }

        foreach (var span in new[] { "onprest.gateway.call", "onprest.tunnel.call", "onprest.agent.execute", "onprest.db.execute" })
        {
            await Assertions.Expect(page.GetByText(span).First).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        foreach (var resource in new[] { "gateway", "agent" })
        {
            await Assertions.Expect(page.GetByText(resource, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        await session.SaveScreenshotAsync(page, "aspire-dashboard-trace.png");
    }

    [Theory]
    [InlineData("gateway", "onprest.gateway.requests")]
    [InlineData("agent", "onprest.agent.executions")]
    public async Task Metrics_of_each_program_reach_the_dashboard(string resource, string instrument)
    {
        var (status, _) = await app.PostJsonAsync("/api/v1/capabilities/get_customer", """{"customer_id":1}""");
        Assert.Equal(200, status);

        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await page.GotoAsync(new Uri(app.DashboardUrl, $"/login?t={app.BrowserToken}").ToString());
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = Patience });

        // Metrics are exported every second; the instrument list grows as they arrive.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await page.GotoAsync(new Uri(app.DashboardUrl, $"/metrics/resource/{resource}").ToString());
            try
            {
                await Assertions.Expect(page.GetByText(instrument).First).ToBeVisibleAsync(new() { Timeout = 5000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
