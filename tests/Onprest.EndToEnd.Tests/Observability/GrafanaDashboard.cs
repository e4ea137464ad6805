using System.Text.Json;
using System.Text.RegularExpressions;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Observability;

/// <summary>Reads deploy/grafana/onprest-gateway.json: every PromQL expression in it, and the metric names they use.</summary>
internal static partial class GrafanaDashboard
{
    public static string Path => RepositoryPaths.Combine("deploy", "grafana", "onprest-gateway.json");

    /// <summary>Panel target expressions and query-variable definitions, as written (with Grafana's variables).</summary>
    public static IReadOnlyList<string> Expressions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        var found = new List<string>();
        foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
        {
            found.AddRange(panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        }

        foreach (var variable in document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                found.Add(variable.GetProperty("definition").GetString()!);
            }
        }

        return found;
    }

    /// <summary>Grafana's variables replaced so Prometheus itself can evaluate the expression.</summary>
    public static string Resolved(string expression) => expression
        .Replace("$__rate_interval", "15s", StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);

    /// <summary>
    /// The metric names an expression selects: identifiers outside strings, label matchers, grouping clauses and
    /// ranges that are not followed by "(" (functions, aggregations) and are not PromQL keywords.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        // label_values(metric, label) is Grafana's, not PromQL: its first argument is the metric.
        var labelValues = LabelValues().Match(expression);
        if (labelValues.Success)
        {
            return new HashSet<string>(StringComparer.Ordinal) { labelValues.Groups[1].Value };
        }

        var stripped = Strings().Replace(expression, "\"\"");
        stripped = Matchers().Replace(stripped, " ");
        stripped = Grouping().Replace(stripped, " ");
        stripped = Ranges().Replace(stripped, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(stripped))
        {
            var rest = stripped.AsSpan(match.Index + match.Length).TrimStart();
            if (!rest.StartsWith("(") && !Keywords.Contains(match.Value))
            {
                names.Add(match.Value);
            }
        }

        return names;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan" };

    [GeneratedRegex(@"^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
