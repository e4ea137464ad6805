using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Admin;

/// <summary>
/// <c>GET /status</c> on the admin listener: the managed operator's read-only view of one gateway. It shows whether
/// an agent is connected, call counts and error codes per capability, and API keys by name only, behind a fixed
/// mask. It never shows params, SQL, key material or hashes, or anything about the agent beyond "connected", and it
/// offers no form, link or script that could change anything. Plain HTML that refreshes itself every 10 s.
/// </summary>
internal sealed class StatusPage(IAgentTunnel tunnel, CallTally tally, GatewayOptions options, TimeProvider time)
{
    /// <summary>Shown in place of every key: the same for all keys, so it reveals nothing about any.</summary>
    public const string KeyMask = "••••••••";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public Task HandleAsync(HttpContext context)
    {
        var html = Render();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        // No script, no form, no external resource: the page can only be read.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    internal string Render()
    {
        var connected = tunnel.IsConnected;
        var metadata = tunnel.Metadata;
        var rows = tally.Snapshot();
        var page = new StringBuilder(4096);
        page.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
            <title>Onprest gateway status</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}th,td{border:1px solid #ccc;padding:.3em .7em;text-align:left}.ok{color:#070}.bad{color:#a00}</style>
            </head><body>
            <h1>Onprest gateway status</h1>
            """);
        page.Append(CultureInfo.InvariantCulture, $"<p>As of <time>{time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC</time>. Read-only; refreshes every 10 seconds.</p>\n");

        page.Append("<h2>Agent</h2>\n<table id=\"agent\"><tr><th>Connection</th><th>Metadata</th><th>Capabilities published</th></tr><tr>");
        page.Append(connected ? "<td class=\"ok\" id=\"agent-state\">connected" : "<td class=\"bad\" id=\"agent-state\">not connected");
        if (tunnel.Slots > 1)
        {
            // An agent pool: how many of its agents are connected (docs/agent-pool.md).
            page.Append(CultureInfo.InvariantCulture, $" (<span id=\"agents-connected\">{tunnel.ConnectedAgents}</span> of {tunnel.Slots} agents)");
        }

        page.Append("</td>");
        page.Append(metadata is not null ? "<td class=\"ok\">cached</td>" : "<td class=\"bad\">not cached</td>");
        page.Append(CultureInfo.InvariantCulture, $"<td>{metadata?.ResponseKinds.Count ?? 0}</td></tr></table>\n");

        AppendCapabilities(page, rows);
        AppendKeys(page, rows);
        page.Append("</body></html>\n");
        return page.ToString();
    }

    private static void AppendCapabilities(StringBuilder page, IReadOnlyList<(CallTally.CallKey Key, long Total, long Recent)> rows)
    {
        page.Append(CultureInfo.InvariantCulture, $"<h2>Calls per capability</h2>\n<table id=\"capabilities\"><tr><th>Capability</th><th>Calls (last {CallTally.WindowMinutes} min)</th><th>Errors (last {CallTally.WindowMinutes} min)</th><th>Calls since start</th><th>Error codes since start</th></tr>\n");
        foreach (var capability in rows.GroupBy(r => r.Key.Capability).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var errors = capability.Where(r => r.Key.ErrorCode.Length > 0)
                .GroupBy(r => r.Key.ErrorCode)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"<span class=\"error-code\">{Html.Encode(g.Key)}</span>: {g.Sum(r => r.Total)}");
            page.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"capability\">{Html.Encode(capability.Key)}</td><td>{capability.Sum(r => r.Recent)}</td><td>{capability.Where(r => r.Key.ErrorCode.Length > 0).Sum(r => r.Recent)}</td><td>{capability.Sum(r => r.Total)}</td><td>{string.Join(", ", errors)}</td></tr>\n");
        }

        page.Append("</table>\n");
    }

    private void AppendKeys(StringBuilder page, IReadOnlyList<(CallTally.CallKey Key, long Total, long Recent)> rows)
    {
        page.Append(CultureInfo.InvariantCulture, $"<h2>API keys</h2>\n<table id=\"keys\"><tr><th>Name</th><th>Key</th><th>Calls (last {CallTally.WindowMinutes} min)</th><th>Calls since start</th></tr>\n");
        // Names may repeat in the configuration; one row per name, as the metrics count them.
        foreach (var name in options.ApiKeys.Select(k => k.Name).Distinct(StringComparer.Ordinal))
        {
            var mine = rows.Where(r => string.Equals(r.Key.KeyName, name, StringComparison.Ordinal)).ToList();
            page.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"key-name\">{Html.Encode(name)}</td><td>{KeyMask}</td><td>{mine.Sum(r => r.Recent)}</td><td>{mine.Sum(r => r.Total)}</td></tr>\n");
        }

        page.Append("</table>\n");
    }
}
