using System.Text.Json;
using Onprest.Contracts.Cli;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Cli;

/// <summary>
/// <c>healthcheck [--url URL]</c>: for container health checks without a shell. <c>--url</c> may be the full
/// <c>/healthz</c> URL or the gateway's base URL (<c>http://host:port</c>, optionally with a path prefix ending in
/// <c>/</c>), to which <c>healthz</c> is appended. A failure says why on the line after the verdict.
/// </summary>
public static class HealthcheckCommand
{
    public const string NotHealthy = "healthcheck: gateway is not healthy";

    private static readonly HashSet<string> KnownFlags = ["url"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter stderr)
    {
        var parsed = CliFlagReader.Read(args, KnownFlags);
        if (!parsed.Ok || parsed.Positionals.Count > 0)
        {
            stderr.WriteLine($"healthcheck: invalid arguments: {parsed.Error ?? "unexpected argument after the flags"}");
            return 2;
        }

        Uri? url = null;
        if (parsed["url"] is { } urlText && (url = HealthUrl(urlText)) is null)
        {
            stderr.WriteLine("healthcheck: invalid arguments: --url must be an absolute http or https URL");
            return 2;
        }

        string? reason;
        if (url is null)
        {
            url = DefaultUrl(environment("GATEWAY_ADDR"));
            reason = url is null ? "GATEWAY_ADDR is not a valid host:port" : await ProblemAsync(url);
        }
        else
        {
            reason = await ProblemAsync(url);
        }

        if (reason is not null)
        {
            stderr.WriteLine(NotHealthy);
            stderr.WriteLine($"healthcheck: {reason}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// The URL to check for a <c>--url</c> value: a URL whose path is empty or ends in <c>/</c> is a base URL and
    /// gets <c>healthz</c> appended; any other path is used as given. Null when not an absolute http(s) URL.
    /// </summary>
    public static Uri? HealthUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return null;
        }

        return url.AbsolutePath.EndsWith('/') ? new Uri(url, "healthz") : url;
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

    /// <summary>Null when healthy; otherwise why not, in words that contain no response body.</summary>
    private static async Task<string?> ProblemAsync(Uri target)
    {
        // Shown without any user-info part: the reason is printed, and a URL may carry a password.
        var url = target.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            using var response = await client.GetAsync(target);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }

            var body = await response.Content.ReadAsByteArrayAsync();
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("ok", out var ok))
            {
                return $"{url} did not answer a health document";
            }

            return ok.ValueKind == JsonValueKind.True ? null : $"{url} answered \"ok\": false";
        }
        catch (HttpRequestException exception)
        {
            var why = exception.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection refused or unreachable",
                HttpRequestError.NameResolutionError => "host name not found",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                _ => "request failed",
            };
            return $"{url} could not be reached: {why}";
        }
        catch (TaskCanceledException)
        {
            return $"{url} did not answer within 5 s";
        }
        catch (JsonException)
        {
            return $"{url} did not answer a health document";
        }
    }
}
