using System.Globalization;
using System.Net;
using System.Text.Json;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Observability;

/// <summary>
/// Debian's real <c>prometheus</c>, started by the test with its own configuration, data folder and loopback port,
/// scraping every second. Absent locally → the test skips with the reason; on CI (<c>CI=true</c>) it fails instead.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly ProcessHost _process;
    private readonly string _folder;

    private PrometheusServer(ProcessHost process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    /// <summary>The executable, or null when it is not installed (CI installs it in .ci/run).</summary>
    public static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin"))
        {
            var candidate = Path.Combine(folder, "prometheus");
            if (folder.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Skips (locally) or fails (CI) when Prometheus is not installed.</summary>
    public static string RequireExecutable()
    {
        var executable = Find();
        if (executable is not null)
        {
            return executable;
        }

        const string reason = "prometheus is not installed (apt-get install -y prometheus; .ci/run does this)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return null!;
    }

    public static async Task<PrometheusServer> StartAsync(string executable, IReadOnlyDictionary<string, string> targets)
    {
        var folder = Directory.CreateTempSubdirectory("onprest-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        var jobs = string.Concat(targets.Select(t => $"""
              - job_name: {t.Key}
                static_configs:
                  - targets: ["{t.Value}"]

            """));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
            {jobs}
            """);
        var port = FreePort.Next();
        var process = ProcessHost.Start(
            executable,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}"],
            new Dictionary<string, string?>(),
            folder);
        var server = new PrometheusServer(process, folder, port);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Evaluates an instant query; each series as its labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"query {promql} failed: {text}");
        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Polls until the query's single value equals <paramref name="expected"/> (scrapes arrive every second).</summary>
    public async Task<double> WaitForValueAsync(string promql, double expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        IReadOnlyList<(Dictionary<string, string> Labels, double Value)> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(promql);
            if (last.Count == 1 && last[0].Value == expected)
            {
                return last[0].Value;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{promql} did not reach {expected}; last answer: [{string.Join(", ", last.Select(s => s.Value))}]; prometheus stderr: {string.Join(" | ", _process.Stderr.TakeLast(5))}");
        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the data folder may still be held briefly.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited ({_process.ExitCode}): {string.Join(" | ", _process.Stderr.TakeLast(10))}");
            }

            try
            {
                using var response = await Http.GetAsync("/-/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("prometheus did not become ready within 60 s");
    }
}
