using Onprest.Agent.Sql;
using Onprest.Fuzz.Running;

namespace Onprest.Fuzz.Sql;

/// <summary>The scanner's properties, checked on any text (chaos) or on text whose structure is known (structured).</summary>
public static class SqlProperties
{
    /// <summary>
    /// For any text: <see cref="SqlScanner.Analyze"/> and <see cref="SqlScanner.Rewrite"/> return (no exception),
    /// give the same answer twice, placeholder names are tokens, and the rewritten text is the original with each
    /// placeholder replaced by the engine's positional marker in order — nothing outside placeholders changes.
    /// </summary>
    public static void CheckAnyText(string sql, SqlDialect dialect, FuzzReport report)
    {
        var analysis = SqlScanner.Analyze(sql, dialect);
        if (analysis != SqlScanner.Analyze(sql, dialect))
        {
            report.Fail("Analyze is not deterministic", sql);
        }

        if (sql.Contains('\0') && analysis.IsSingleStatement)
        {
            report.Fail("text with U+0000 accepted as one statement", sql);
        }

        var rewritten = SqlScanner.Rewrite(sql, dialect);
        foreach (var name in rewritten.ParameterNames)
        {
            if (!IsToken(name))
            {
                report.Fail($"placeholder name is not a token: {FuzzReport.Escape(name)}", sql);
            }
        }

        if (!PreservesOutsidePlaceholders(sql, rewritten, dialect))
        {
            report.Fail($"rewrite changed text outside placeholders: {FuzzReport.Escape(rewritten.Text)}", sql);
        }

        report.Count(analysis.IsSingleStatement ? "accepted as one statement" : "refused as several statements");
    }

    /// <summary>Structured text: one statement exactly when no <c>;</c> stands in code before more SQL.</summary>
    public static void CheckStructured(string sql, bool codeSemicolon, SqlDialect dialect, FuzzReport report)
    {
        CheckAnyText(sql, dialect, report);
        var single = SqlScanner.Analyze(sql, dialect).IsSingleStatement;
        if (single == codeSemicolon)
        {
            report.Fail(codeSemicolon ? "two statements accepted as one" : "one statement refused as several", sql);
        }
    }

    /// <summary>The positional marker the agent's engine binds for the n-th placeholder (1-based).</summary>
    public static string Marker(SqlDialect dialect, int number) => dialect switch
    {
        SqlDialect.Postgres => "$" + number,
        SqlDialect.MySql => "?",
        SqlDialect.Oracle => ":" + number,
        _ => "@p" + number,
    };

    /// <summary>
    /// Walks both texts: where the original has <c>:name</c> for the next placeholder and the rewritten text has its
    /// marker, both advance past them; otherwise the characters must be equal. A marker never starts with <c>:</c>
    /// followed by a letter, so taking a placeholder whenever both sides match it is never a wrong turn.
    /// </summary>
    private static bool PreservesOutsidePlaceholders(string original, RewrittenSql rewritten, SqlDialect dialect)
    {
        var text = rewritten.Text;
        int i = 0, j = 0, next = 0;
        while (i < original.Length || j < text.Length)
        {
            if (next < rewritten.ParameterNames.Count)
            {
                var placeholder = ":" + rewritten.ParameterNames[next];
                var marker = Marker(dialect, next + 1);
                if (string.CompareOrdinal(original, i, placeholder, 0, placeholder.Length) == 0
                    && string.CompareOrdinal(text, j, marker, 0, marker.Length) == 0)
                {
                    i += placeholder.Length;
                    j += marker.Length;
                    next++;
                    continue;
                }
            }

            if (i >= original.Length || j >= text.Length || original[i] != text[j])
            {
                return false;
            }

            i++;
            j++;
        }

        return next == rewritten.ParameterNames.Count;
    }

    private static bool IsToken(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.AsSpan(1).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") < 0;
}
