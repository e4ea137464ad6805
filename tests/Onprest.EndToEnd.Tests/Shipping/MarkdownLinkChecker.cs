using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// Finds the problems of one Markdown page of the repository: relative links to files, folders or headings that
/// do not exist, links that leave the repository, and citations of material a clone does not contain (paths
/// above the repository root, the behavioural contract's section signs and its decision numbers). Parsing uses Markdig, so links
/// inside code spans and fenced blocks are not links, and heading anchors follow GitHub's rules.
/// </summary>
internal static partial class MarkdownLinkChecker
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .Build();

    /// <summary>Every problem of the page at <paramref name="pagePath"/> with text <paramref name="text"/>, one line each.</summary>
    public static IReadOnlyList<string> Problems(string repositoryRoot, string pagePath, string text)
    {
        var problems = new List<string>();
        var page = Path.GetRelativePath(repositoryRoot, pagePath).Replace('\\', '/');
        var document = Markdown.Parse(text, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { Length: > 0 } url && CheckLink(repositoryRoot, pagePath, text, url) is { } problem)
            {
                problems.Add($"{page}:{link.Line + 1}: {problem}");
            }
        }

        problems.AddRange(Citations(page, text, repositoryRoot));
        return problems;
    }

    /// <summary>
    /// Mentions of material outside the repository; apply to any text file (Markdown or comments). A relative path
    /// that climbs above the repository root from <paramref name="page"/>'s folder (linked or not) names something a
    /// clone does not have, whatever its name; given <paramref name="repositoryRoot"/>, one that stays inside must name
    /// a file or folder the repository has.
    /// </summary>
    public static IEnumerable<string> Citations(string page, string text, string? repositoryRoot = null)
    {
        var depth = page.Replace('\\', '/').Count(c => c == '/');
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match climb in RelativeClimb().Matches(lines[i]))
            {
                if (climb.Groups["up"].Captures.Count > depth)
                {
                    yield return $"{page}:{i + 1}: mentions a path outside the repository ({climb.Value})";
                }
                else if (repositoryRoot is not null
                    && Path.GetFullPath(climb.Value.TrimEnd('.'), Path.Combine(repositoryRoot, Path.GetDirectoryName(page) ?? "")) is var target
                    && !File.Exists(target) && !Directory.Exists(target))
                {
                    yield return $"{page}:{i + 1}: mentions a path the repository does not have ({climb.Value})";
                }
            }

            if (lines[i].Contains('§'))
            {
                yield return $"{page}:{i + 1}: cites a contract section (§)";
            }

            if (DecisionId().Match(lines[i]) is { Success: true } match)
            {
                yield return $"{page}:{i + 1}: cites a contract decision ({match.Value})";
            }
        }
    }

    private static string? CheckLink(string repositoryRoot, string pagePath, string pageText, string url)
    {
        if (Scheme().IsMatch(url))
        {
            return null; // http(s), mailto, …: outside the scope of a repository check
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var pathPart = Uri.UnescapeDataString(hash < 0 ? url : url[..hash]);
        var anchor = hash < 0 ? null : url[(hash + 1)..];
        if (pathPart.StartsWith('/'))
        {
            return $"link {url} is absolute; write it relative to the page";
        }

        var target = pathPart.Length == 0
            ? pagePath
            : Path.GetFullPath(pathPart, Path.GetDirectoryName(pagePath)!);
        var root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!target.StartsWith(root, StringComparison.Ordinal) && target != root.TrimEnd(Path.DirectorySeparatorChar))
        {
            return $"link {url} leaves the repository";
        }

        if (pathPart.Length == 0)
        {
            // A link to a heading of the page itself.
            return anchor is { Length: > 0 } && !HeadingIds(pageText).Contains(anchor) ? $"link {url} names a heading that the page does not have" : null;
        }

        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return $"link {url} points at {Path.GetRelativePath(repositoryRoot, target).Replace('\\', '/')}, which does not exist";
        }

        if (anchor is { Length: > 0 } && target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && File.Exists(target)
            && !HeadingIds(File.ReadAllText(target)).Contains(anchor))
        {
            return $"link {url} names a heading that {Path.GetFileName(target)} does not have";
        }

        return null;
    }

    private static HashSet<string> HeadingIds(string text) =>
        Markdown.Parse(text, Pipeline).Descendants<HeadingBlock>()
            .Select(heading => heading.GetAttributes().Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    // "../" once or more, then a name: a relative path written out.
    [GeneratedRegex(@"(?<up>\.\./)+[A-Za-z0-9_-][A-Za-z0-9_.-]*", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeClimb();

    // A decision number of the contract: D followed by one or two digits, standing alone.
    [GeneratedRegex(@"\bD[0-9]{1,2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex DecisionId();
}
