using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Onprest.AppHost.Tests.Infrastructure;

/// <summary>
/// The whole Onprest.AppHost app model, started once: dashboard on a free loopback port with a known browser token,
/// the gateway on an allocated port, the agent healthy only once the gateway reports it connected. The database is
/// whatever the AppHost picks on this machine (SQLite without a container runtime).
/// </summary>
public sealed class OnprestApp : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? app;

    public string ApiKey { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The token of the dashboard's login link (<c>/login?t=...</c>), as the app hands it to the dashboard.</summary>
    public string BrowserToken { get; private set; } = "";

    public Uri DashboardUrl { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public DistributedApplication App => app ?? throw new InvalidOperationException("the app model is not started");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Onprest_AppHost>(
            ["--api-key", ApiKey],
            (options, _) =>
            {
                // The dashboard is off in tests by default; the browser test needs it.
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            },
            timeout.Token);

        app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        (DashboardUrl, BrowserToken) = await DashboardLoginAsync(app, timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("agent", timeout.Token);

        Gateway = app.CreateHttpClient("gateway", "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>The dashboard's address and login token, read from the running dashboard resource.</summary>
    private static async Task<(Uri Url, string Token)> DashboardLoginAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var dashboard = await app.ResourceNotifications.WaitForResourceAsync(
            "aspire-dashboard",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.Urls.Any(IsFrontend),
            cancellationToken);
        var url = dashboard.Snapshot.Urls.First(IsFrontend).Url;
        var token = dashboard.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "DASHBOARD__FRONTEND__BROWSERTOKEN")?.Value
            ?? throw new InvalidOperationException("the dashboard resource has no browser token");
        return (new Uri(url), token);

        // The browser endpoint, not the OTLP ones the dashboard also listens on.
        static bool IsFrontend(UrlSnapshot u) => u.Name == "http" && !u.IsInternal;
    }

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, string json, string? apiKey = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? ApiKey);
        configure?.Invoke(request);
        using var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }

        await LeftoverOrchestrator.StopAsync(TimeSpan.FromSeconds(15));
    }
}
