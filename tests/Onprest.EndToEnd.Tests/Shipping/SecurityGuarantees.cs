using System.Text.RegularExpressions;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// Reads the table "Guarantees and the tests that prove them" of docs/security.md: each row names one or more test
/// methods in backticks followed by the test file in parentheses, so a renamed or deleted test breaks the build
/// instead of leaving a guarantee without proof.
/// </summary>
internal static partial class SecurityGuarantees
{
    public sealed record Row(string Test, string File);

    public static IReadOnlyList<Row> Rows(string securityPage)
    {
        var section = securityPage[securityPage.IndexOf("## Guarantees and the tests that prove them", StringComparison.Ordinal)..];
        var rows = new List<Row>();
        foreach (var line in section.Split('\n').Where(line => line.StartsWith('|')))
        {
            var cells = line.Split('|');
            if (cells.Length < 3)
            {
                continue;
            }

            // "`A`, `B` (file), `C` (other file)": each group of names belongs to the file that follows it.
            foreach (Match group in TestGroup().Matches(cells[2]))
            {
                foreach (Match name in TestName().Matches(group.Groups["names"].Value))
                {
                    rows.Add(new Row(name.Groups[1].Value, group.Groups["file"].Value.Trim()));
                }
            }
        }

        return rows;
    }

    [GeneratedRegex(@"(?<names>(?:`[A-Za-z0-9_]+`(?:,\s*)?)+)\s*\((?<file>tests/[^)]+\.cs)\)", RegexOptions.CultureInvariant)]
    private static partial Regex TestGroup();

    [GeneratedRegex(@"`([A-Za-z0-9_]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex TestName();
}
