using Microsoft.Playwright;

namespace Onprest.AppHost.Tests.Dashboard;

/// <summary>
/// Debian's Chromium under Playwright. Playwright never downloads a browser here: the executable is
/// <c>/usr/bin/chromium</c> (or <c>ONPREST_TEST_CHROMIUM</c>). Without it the test skips with the reason — except on CI
/// (<c>CI=true</c>), where a missing browser is a failure.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("ONPREST_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            var reason = $"Chromium is not installed at {chromium} (apt-get install -y chromium); the dashboard browser tests need it";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason + " — required on CI");
            }

            Assert.Skip(reason);
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        return new BrowserSession(playwright, browser, page);
    }

    /// <summary>
    /// Saves a screenshot under artifacts/screenshots; with <c>ONPREST_UPDATE_DOCS_SCREENSHOTS=1</c> also as the
    /// picture in docs/images that docs/aspire.md shows.
    /// </summary>
    public async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var root = RepositoryRoot();
        var artifacts = Path.Combine(root, "artifacts", "screenshots", fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = artifacts, FullPage = false });
        if (Environment.GetEnvironmentVariable("ONPREST_UPDATE_DOCS_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(root, "docs", "images", fileName);
            Directory.CreateDirectory(Path.GetDirectoryName(docs)!);
            File.Copy(artifacts, docs, overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Onprest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Onprest.sln not found above " + AppContext.BaseDirectory);
    }
}
