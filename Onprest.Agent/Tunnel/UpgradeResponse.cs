using System.Globalization;

namespace Onprest.Agent.Tunnel;

/// <summary>The status line and headers of the gateway's answer to the upgrade request.</summary>
internal sealed record UpgradeResponse(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static UpgradeResponse Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var statusLine = lines.Length > 0 ? lines[0].Split(' ', 3) : [];
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || statusLine[1].Length != 3 || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new TunnelConnectException("gateway connect failed: invalid response");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new TunnelConnectException("gateway connect failed: invalid response");
            }

            headers.Add(new(line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim()));
        }

        return new UpgradeResponse(status, statusLine.Length > 2 ? statusLine[2] : "", headers);
    }

    public IEnumerable<string> All(string lowerName) => Headers.Where(h => h.Key == lowerName).Select(h => h.Value);

    public bool Single(string lowerName, out string value)
    {
        var values = All(lowerName).ToList();
        value = values.Count == 1 ? values[0] : "";
        return values.Count == 1;
    }
}
