using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Onprest.EndToEnd.Tests.Observability;

/// <summary>
/// The operator's read-only status page on the admin listener, opened in a real browser (Playwright driving
/// Debian's Chromium; no browser is ever downloaded): it shows the connected agent and a failing capability's error
/// code, and its HTML holds no key, param or SQL text and nothing that could change anything.
/// </summary>
[Collection(ObservedSystemCollection.Name)]
public sealed class StatusPageBrowserTests(ObservedSystemFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string HostileParam = "SECRET_PARAM_VALUE";

    [Fact]
    public async Task The_page_shows_the_agent_and_error_codes_and_nothing_secret()
    {
        RequireChromium();
        var sut = fixture.System;
        using (var ok = await sut.CallAsync("internal_report", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        // A failing capability: the statement runs past its 300 ms policy timeout.
        using (var failing = await sut.CallAsync("slow_count_short", $$"""{"note":"{{HostileParam}}"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, failing.StatusCode);
        }

        using (var timeout = await sut.CallAsync("slow_count_short", "{}"))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, timeout.StatusCode);
        }

        using (var unknown = await sut.CallAsync("SECRET_PATH_capability", "{}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync($"http://127.0.0.1:{fixture.AdminPort}/status");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);

        Assert.Equal("Onprest gateway status", await page.TitleAsync());
        Assert.Equal("connected", (await page.Locator("#agent-state").InnerTextAsync()).Trim());
        var failingRow = page.Locator("#capabilities tr", new PageLocatorOptions { HasText = "slow_count_short" });
        Assert.Equal(1, await failingRow.CountAsync());
        var failingText = await failingRow.InnerTextAsync();
        Assert.Contains("AGENT_QUERY_TIMEOUT", failingText, StringComparison.Ordinal);
        Assert.Contains("AGENT_VALIDATION_FAILED", failingText, StringComparison.Ordinal);
        Assert.Contains("AGENT_QUERY_TIMEOUT", await page.Locator("#capabilities .error-code").AllInnerTextsAsync());
        var okRow = await page.Locator("#capabilities tr", new PageLocatorOptions { HasText = "internal_report" }).InnerTextAsync();
        Assert.DoesNotContain("AGENT_", okRow, StringComparison.Ordinal);
        Assert.DoesNotContain("GATEWAY_", okRow, StringComparison.Ordinal);
        // Unknown names are counted as "other", never echoed.
        Assert.Equal(1, await page.Locator("#capabilities td.capability", new PageLocatorOptions { HasTextString = "other" }).CountAsync());

        var keyNames = await page.Locator("#keys td.key-name").AllInnerTextsAsync();
        Assert.Equal(["e2e-all", "e2e-reader"], keyNames.Order(StringComparer.Ordinal));
        Assert.Contains("••••••••", await page.Locator("#keys").InnerTextAsync(), StringComparison.Ordinal);

        var html = await page.ContentAsync();
        var capabilityFile = await File.ReadAllTextAsync(sut.CapabilityFile, TestContext.Current.CancellationToken);
        foreach (var secret in new[] { sut.AllKey.Plaintext, sut.ReaderKey.Plaintext, HashOf(sut.AllKey), HashOf(sut.ReaderKey), sut.AgentPrivateKey, sut.AgentPublicKey, HostileParam, "SECRET" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }

        foreach (var sqlText in new[] { "select", "e2e_customers", "recursive", "update" })
        {
            Assert.Contains(sqlText, capabilityFile, StringComparison.Ordinal);
            Assert.DoesNotContain(sqlText, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, await page.Locator("form, input, button, script, a[href]").CountAsync());
        Assert.Contains("default-src 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task The_admin_paths_accept_no_method_that_could_change_anything(string method)
    {
        foreach (var path in new[] { "/status", "/readyz", "/metrics" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };
            using var response = await fixture.Admin.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal("GET, HEAD", response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : string.Join(", ", response.Headers.GetValues("Allow")));
        }
    }

    private static string HashOf(Infrastructure.ApiKey key)
    {
        using var entry = JsonDocument.Parse(key.ConfigEntry);
        return entry.RootElement.GetProperty("key_hash").GetString()!;
    }

    private static void RequireChromium()
    {
        if (File.Exists(Chromium))
        {
            return;
        }

        const string reason = "Debian chromium is not installed at /usr/bin/chromium (apt-get install -y chromium; .ci/run does this)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}
