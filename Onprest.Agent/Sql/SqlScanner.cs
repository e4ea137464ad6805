using System.Text;

namespace Onprest.Agent.Sql;

/// <summary>
/// The dialect-aware SQL checks and placeholder rewriting of docs/capability-yaml.md.
/// </summary>
public static class SqlScanner
{
    /// <summary>
    /// Applies the rules to the text outside protected regions. Where the server's reading depends on a
    /// setting the agent cannot rely on, every plausible reading is scanned and the SQL passes only if it passes
    /// all of them: single only if single in every reading, the operation only if every reading
    /// agrees (else <see cref="SqlOperation.Unsupported"/>), INTO / RETURNING if any reading finds them.
    /// </summary>
    /// <remarks>
    /// The readings: for <c>postgres</c> and <c>mysql</c> text containing a backslash, backslash as an escape in
    /// <c>'…'</c> and <c>"…"</c>, as an ordinary character in both, and as an escape in <c>'…'</c> only (PostgreSQL
    /// with <c>standard_conforming_strings</c> off, MySQL with <c>ANSI_QUOTES</c>); for <c>mysql</c> text with
    /// version-conditional comments (<c>/*!NNNNN</c>, <c>/*M!</c>), those comments run and skipped; for
    /// <c>sqlserver</c> and <c>oracle</c> text containing CR, a lone CR ending a <c>--</c> comment or not; for
    /// <c>mysql</c> text with two executable-comment markers, a marker inside an executable comment running its text
    /// (MariaDB) or opening an ordinary comment. Text
    /// containing U+0000 is never a single statement: SQLite stops reading at it and MySQL ends comments at it.
    /// </remarks>
    public static SqlAnalysis Analyze(string sql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var text = sql.AsSpan();

        ReadOnlySpan<(bool Single, bool Double)> backslashReadings =
            dialect is SqlDialect.Postgres or SqlDialect.MySql && text.Contains('\\')
                ? [(true, true), (false, false), (true, false)]
                : [(false, false)];
        ReadOnlySpan<bool> conditionalReadings =
            dialect == SqlDialect.MySql && HasConditionalComment(text) ? [true, false] : [true];
        ReadOnlySpan<bool> carriageReturnReadings =
            dialect is SqlDialect.SqlServer or SqlDialect.Oracle && text.Contains('\r') ? [false, true] : [false];
        ReadOnlySpan<bool> nestedMarkerReadings =
            dialect == SqlDialect.MySql && HasNestableMarker(text) ? [true, false] : [false];

        var single = !text.Contains('\0');
        var operation = (SqlOperation?)null;
        var into = false;
        var returning = false;
        foreach (var backslash in backslashReadings)
        {
            foreach (var conditionalAsCode in conditionalReadings)
            {
                foreach (var carriageReturn in carriageReturnReadings)
                {
                    foreach (var nestedAsCode in nestedMarkerReadings)
                    {
                        var mode = new SqlScanMode(dialect, backslash.Single, backslash.Double, conditionalAsCode, carriageReturn, nestedAsCode);
                        var reading = SqlStatementFacts.Read(text, mode);
                        single &= reading.IsSingleStatement;
                        operation = operation is null || operation == reading.Operation
                            ? reading.Operation
                            : SqlOperation.Unsupported;
                        into |= reading.SelectHasInto;
                        returning |= reading.DmlReturnsRows;
                    }
                }
            }
        }

        return new SqlAnalysis(single, operation ?? SqlOperation.Unsupported, into, returning);
    }

    /// <summary>
    /// Replaces every <c>:name</c> outside protected regions by the engine's positional parameter, numbered per
    /// occurrence, reading the text as a server with default settings does. Never throws for odd
    /// input: unterminated regions extend to the end of the text.
    /// </summary>
    public static RewrittenSql Rewrite(string sql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexer = new SqlLexer(sql, SqlScanMode.ServerDefault(dialect));
        StringBuilder? builder = null;
        List<string>? names = null;
        var copied = 0;
        while (lexer.TryRead(out var lexeme))
        {
            if (lexeme.Kind != SqlLexemeKind.Placeholder)
            {
                continue;
            }

            builder ??= new StringBuilder(sql.Length + 16);
            names ??= [];
            builder.Append(sql, copied, lexeme.Start - copied);
            names.Add(sql.Substring(lexeme.Start + 1, lexeme.Length - 1));
            AppendPositional(builder, dialect, names.Count);
            copied = lexeme.End;
        }

        if (builder is null || names is null)
        {
            return new RewrittenSql(sql, []);
        }

        builder.Append(sql, copied, sql.Length - copied);
        return new RewrittenSql(builder.ToString(), names);
    }

    private static void AppendPositional(StringBuilder builder, SqlDialect dialect, int number)
    {
        switch (dialect)
        {
            case SqlDialect.Postgres:
                builder.Append('$').Append(number);
                break;
            case SqlDialect.MySql:
                builder.Append('?');
                break;
            case SqlDialect.Oracle:
                builder.Append(':').Append(number);
                break;
            default:
                builder.Append("@p").Append(number);
                break;
        }
    }

    /// <summary>
    /// Whether the text has two MySQL executable-comment markers (<c>/*!</c> or <c>/*M!</c>), so one may stand inside
    /// the other: MariaDB runs the text after a nested marker, a server that reads it as a comment does not.
    /// </summary>
    private static bool HasNestableMarker(ReadOnlySpan<char> text)
    {
        var markers = 0;
        var i = 0;
        while (markers < 2)
        {
            var offset = text[i..].IndexOf("/*");
            if (offset < 0)
            {
                return false;
            }

            i += offset + 2;
            var rest = text[i..];
            if (rest.StartsWith("!") || rest.StartsWith("M!", StringComparison.OrdinalIgnoreCase))
            {
                markers++;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the text has a MySQL comment that only some servers run: <c>/*!</c> followed by a version number,
    /// or MariaDB's <c>/*M!</c>. Matches inside strings only cost an extra reading.
    /// </summary>
    private static bool HasConditionalComment(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (true)
        {
            var offset = text[i..].IndexOf("/*");
            if (offset < 0)
            {
                return false;
            }

            i += offset + 2;
            var rest = text[i..];
            if (rest.StartsWith("M!", StringComparison.OrdinalIgnoreCase)
                || (rest.Length >= 2 && rest[0] == '!' && char.IsAsciiDigit(rest[1])))
            {
                return true;
            }
        }
    }
}
