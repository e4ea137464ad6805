namespace Onprest.Agent.Databases.MySql;

/// <summary>
/// Defence in depth for on MySQL: MySqlConnector splits a command text at semicolons before preparing it,
/// so the server never sees (and cannot refuse) a second statement. The agent therefore refuses any text with a
/// statement separator outside quotes and comments itself, reading backslashes both as escapes and as ordinary
/// characters (<c>NO_BACKSLASH_ESCAPES</c> may be on or off), and scanning executable comments <c>/*! … */</c> as code.
/// A trailing separator followed only by whitespace and comments is allowed.
/// </summary>
public static class MySqlStatementGuard
{
    public static bool HasSecondStatement(string sql) => Scan(sql, backslashEscapes: true) || Scan(sql, backslashEscapes: false);

    private static bool Scan(string sql, bool backslashEscapes)
    {
        var i = 0;
        var separatorSeen = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                i = SkipQuoted(sql, i, c, backslashEscapes && c != '`');
                if (separatorSeen)
                {
                    return true;
                }

                continue;
            }

            if (c == '#' || (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-' && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2]))))
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                if (i + 2 < sql.Length && sql[i + 2] == '!')
                {
                    // Executable comment: its body is SQL the server runs; only the opener is skipped.
                    i += 3;
                    continue;
                }

                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }

            if (c == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                // Closing an executable comment.
                i += 2;
                continue;
            }

            if (c == ';')
            {
                separatorSeen = true;
                i++;
                continue;
            }

            if (separatorSeen && !char.IsWhiteSpace(c))
            {
                return true;
            }

            i++;
        }

        return false;
    }

    private static int SkipQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }
}
