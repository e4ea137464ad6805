using System.Text.Json;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Cli;

/// <summary><c>healthcheck [--url URL]</c> (cli.md §1.3): for container health checks without a shell.</summary>
public static class HealthcheckCommand
{
    public const string NotHealthy = "healthcheck: gateway is not healthy";

    private static readonly HashSet<string> KnownFlags = ["url"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, KnownFlags);
        Uri? url = null;
        if (parsed is null || parsed.Positionals.Count > 0
            || (parsed.Flags.TryGetValue("url", out var urlText)
                && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))))
        {
            stderr.WriteLine("healthcheck: invalid arguments");
            return 2;
        }

        url ??= DefaultUrl(environment("GATEWAY_ADDR"));
        if (url is null || !await IsHealthyAsync(url))
        {
            stderr.WriteLine(NotHealthy);
            return 1;
        }

        return 0;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/healthz</c>, or the configured IP when <c>GATEWAY_ADDR</c> names one.</summary>
    public static Uri? DefaultUrl(string? addr)
    {
        ListenAddress listen;
        try
        {
            listen = ListenAddressParser.Parse(string.IsNullOrEmpty(addr) ? ":8080" : addr);
        }
        catch (GatewayConfigException)
        {
            return null;
        }

        var host = listen.Host switch
        {
            "" or "localhost" or "0.0.0.0" => "127.0.0.1",
            "::" => "[::1]",
            var ip when ip.Contains(':') => "[" + ip + "]",
            var ip => ip,
        };
        return new Uri($"http://{host}:{listen.Port}/healthz");
    }

    private static async Task<bool> IsHealthyAsync(Uri url)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return false;
            }

            var body = await response.Content.ReadAsByteArrayAsync();
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("ok", out var ok)
                && ok.ValueKind == JsonValueKind.True;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }
}
