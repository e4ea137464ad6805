using System.Text.RegularExpressions;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// The handbook must stand alone in a clone: every relative link in README.md, docs/ and bench/README.md resolves
/// to a file (and heading) of the repository, and nothing cites the behavioural contract, which a clone does not
/// contain. The first tests prove the checker itself catches each kind of problem.
/// </summary>
public sealed class DocumentationLinksTests
{
    private static readonly string Root = RepositoryPaths.Root;

    public static TheoryData<string> Pages()
    {
        var pages = new List<string> { "README.md", Path.Combine("bench", "README.md") };
        pages.AddRange(Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path)));
        return new(pages.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(RepositoryPaths.Combine("examples"), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_of_the_page_resolves_inside_the_repository_and_nothing_cites_the_contract(string page)
    {
        var path = Path.Combine(Root, page);
        var problems = MarkdownLinkChecker.Problems(Root, path, File.ReadAllText(path));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_files_cite_nothing_outside_the_repository(string file)
    {
        var problems = MarkdownLinkChecker.Citations(file, File.ReadAllText(Path.Combine(Root, file))).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_handbook_index_lists_every_docs_page()
    {
        var index = File.ReadAllText(RepositoryPaths.Combine("docs", "README.md"));
        var missing = Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md")
            .Select(Path.GetFileName)
            .Where(name => name != "README.md" && !index.Contains("(" + name, StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "docs/README.md does not link: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_test_named_in_the_security_guarantees_exists_in_the_file_given()
    {
        var rows = SecurityGuarantees.Rows(File.ReadAllText(RepositoryPaths.Combine("docs", "security.md")));
        var missing = rows
            .Where(row => !File.Exists(RepositoryPaths.Combine(row.File.Split('/')))
                || !Regex.IsMatch(File.ReadAllText(RepositoryPaths.Combine(row.File.Split('/'))), $@"\b(void|Task) {row.Test}\("))
            .Select(row => $"{row.Test} ({row.File})")
            .ToList();

        Assert.True(rows.Count >= 30, $"the guarantees table lists only {rows.Count} tests");
        Assert.True(missing.Count == 0, "docs/security.md names tests that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_checker_reports_a_link_to_a_missing_file()
    {
        var problems = Check("See [the guide](missing-page.md) and [ok](../README.md).");

        Assert.Equal(["docs/probe.md:1: link missing-page.md points at docs/missing-page.md, which does not exist"], problems);
    }

    [Fact]
    public void The_checker_reports_a_missing_heading_but_accepts_an_existing_one()
    {
        var problems = Check("[a](../README.md#run-the-tests-here) [b](../README.md#no-such-heading)\n\n## Local heading\n\n[c](#local-heading) [d](#absent)");

        Assert.Equal(2, problems.Count);
        Assert.Contains("#no-such-heading", problems[0], StringComparison.Ordinal);
        Assert.Contains("#absent", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_checker_reports_links_that_leave_the_repository_and_citations_of_the_contract()
    {
        var problems = Check("[spec](../../contract/README.md)\n\nAs decided in D27, see gateway-http.md §4.\n\n`D5 in code` is text too; so is ../../contract/tunnel.md, but ../README.md is ours and ../spec/tunnel.md is not there.");

        Assert.Contains(problems, p => p.Contains("leaves the repository", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("mentions a path outside the repository (../../contract)", StringComparison.Ordinal) && p.StartsWith("docs/probe.md:1:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("mentions a path outside the repository (../../contract)", StringComparison.Ordinal) && p.StartsWith("docs/probe.md:5:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("(../README.md)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("mentions a path the repository does not have (../spec)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(D27)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(§)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(D5)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_checker_ignores_web_links_code_and_words_that_only_look_like_decisions()
    {
        Assert.Empty(Check("[web](https://example.com/x.md) `[code](nowhere.md)` an ID2 a 3D D100 ODBC\n\n```\n[fenced](nowhere.md)\n```"));
    }

    /// <summary>Checks <paramref name="text"/> as docs/probe.md of a small throw-away repository.</summary>
    private static List<string> Check(string text)
    {
        var root = Directory.CreateTempSubdirectory("onprest-links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "README.md"), "# Probe\n\n## Run the tests (here)\n");
            return [.. MarkdownLinkChecker.Problems(root, Path.Combine(root, "docs", "probe.md"), text)];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
