namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// The closed key set of each mapping (by its error context), used only to suggest the nearest allowed key
/// when an unknown one is written (<c>max_row</c> → <c>max_rows</c>). The decoders stay the authority on what is accepted.
/// </summary>
internal static class KnownKeys
{
    private static readonly Dictionary<string, string[]> ByContext = new(StringComparer.Ordinal)
    {
        ["configuration"] = ["service", "runtime", "gateway", "database", "logging", "defaults", "capabilities"],
        ["service definition"] = ["title", "version", "description"],
        ["runtime definition"] = ["max_concurrent_requests", "data_dir"],
        ["gateway definition"] = ["url", "agent_private_key", "allow_insecure_non_loopback_ws"],
        ["database definition"] = ["driver", "host", "port", "name", "user", "password", "path", "mode", "tls"],
        ["database tls definition"] = ["mode", "ca_file", "cert_file", "key_file", "server_name"],
        ["logging definition"] = ["max_size", "max_files"],
        ["policy definition"] = ["readonly", "timeout", "max_rows", "max_bytes", "max_affected_rows", "rate_limit", "expose_in_openapi"],
        ["rate_limit definition"] = ["requests", "per", "burst"],
        ["capability definition"] = ["description", "sql", "params", "policy", "result", "annotations", "examples"],
        ["parameter definition"] = ["type", "required", "default", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "format", "description"],
        ["result column definition"] = ["type", "description"],
        ["capability annotations"] = ["read_only", "destructive", "idempotent", "open_world"],
        ["capability example definition"] = ["params"],
    };

    /// <summary>The allowed key closest to <paramref name="written"/> (at most two edits, ignoring case), or null.</summary>
    public static string? Suggest(string written, string context)
    {
        if (!ByContext.TryGetValue(context, out var keys) || written.Length > 64)
        {
            return null;
        }

        string? best = null;
        var bestDistance = 3;
        foreach (var key in keys)
        {
            var distance = Distance(written.ToLowerInvariant(), key.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (key, distance);
            }
        }

        return best;
    }

    // Edit distance with adjacent swaps (optimal string alignment): "mxa_rows" is one edit from "max_rows".
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
