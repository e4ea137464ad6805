using System.Text;
using Onprest.Agent.Sql;

namespace Onprest.Fuzz.Sql;

/// <summary>
/// Two generators for SQL text. <see cref="Chaos"/> glues together the pieces every dialect's lexer treats
/// specially (quotes, escapes, comment openers, dollar tags, executable comments, line ends, <c>;</c>, placeholders)
/// with no regard for balance — the inputs that find disagreements between the scanner and a server.
/// <see cref="Structured"/> builds text from self-contained pieces whose reading does not depend on any server
/// setting, so where each <c>;</c> stands (code or protected) is known by construction.
/// </summary>
public static class SqlGenerator
{
    private static readonly string[] Common =
    [
        "'", "''", "\"", "\"\"", "\\", "\\'", "\\\"", "\\\\", ";", "; select 2", " select 2", ";select 2 ", " ", "  ", "\n", "\r", "\r\n", "\t", "\f",
        "--", "-- ", "--\t", "---", "/*", "*/", "/**/", "/*/", "*", "/", "-", "select", "SELECT 1", "a", "b1", "1", "1.5e3", ".", ",", "(", ")",
        ":a", ":b_2", ":_x", "::", "::int", ":", ":1", "=", "<", ">", "{", "}", "x", "e", "E", "n", "N", "u", "U", "&", "b", "X",
        "into", "returning", "from", "where", "é", "😀", "\u00a0", "\u2028", "_",
    ];

    private static readonly Dictionary<SqlDialect, string[]> Specific = new()
    {
        [SqlDialect.Postgres] = ["$", "$$", "$a$", "$b$", "$a", "a$", "$1", "E'", "e'", "U&'", "U&\"", " UESCAPE '!'", "B'", "X'", "/* /* */", "/* */ */", "'\n'", "' \n '", "'--\n'"],
        [SqlDialect.MySql] = ["#", "# ", "`", "``", "/*!", "/*!50000", "/*!99999 ", "/*M!", "/*m!100000", "/*+", "N'", "_utf8mb4'", "X'", "b'", "--\u0001", "\\%", "\\_"],
        [SqlDialect.Sqlite] = ["[", "]", "`", "``", "x'", "?", "?1", "@a", "$a", "#a"],
        [SqlDialect.SqlServer] = ["[", "]", "]]", "N'", "@p1", "go", "GO\n", "begin", "end", "set", "output", "exec", "declare", "if", "while", "/* /* */"],
        [SqlDialect.Oracle] = ["q'", "q'[", "]'", "Q'{", "}'", "q'<", ">'", "q'!", "!'", "nq'(", ")'", "q'😀", "😀'", "#", "$"],
    };

    /// <summary>Rarely: characters that end or cut statements in some engines.</summary>
    private static readonly string[] Rare = ["\0", "\ud800", "\udc00", "\u0085", "\u001a"];

    public static string Chaos(Random random, SqlDialect dialect, int maxPieces = 24)
    {
        var specific = Specific[dialect];
        var text = new StringBuilder(random.Next(3) == 0 ? "" : "select 1 ");
        var pieces = random.Next(1, maxPieces + 1);
        for (var i = 0; i < pieces; i++)
        {
            var roll = random.Next(100);
            text.Append(roll switch
            {
                < 45 => Common[random.Next(Common.Length)],
                < 90 => specific[random.Next(specific.Length)],
                < 92 => Rare[random.Next(Rare.Length)],
                _ => ((char)random.Next(0x20, 0x7f)).ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// A statement built from closed pieces separated by spaces: words, numbers, placeholders, strings and
    /// comments with no backslash or setting-dependent syntax inside, so every reading agrees on where each region
    /// ends. <paramref name="codeSemicolon"/> puts a <c>;</c> in code followed by a second statement.
    /// </summary>
    public static string Structured(Random random, SqlDialect dialect, bool codeSemicolon)
    {
        var parts = new List<string> { "select" };
        var count = random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            parts.Add(ClosedPiece(random, dialect));
        }

        if (codeSemicolon)
        {
            parts.Insert(random.Next(1, parts.Count + 1), ";");
            parts.Add("select 2");
        }
        else if (random.Next(3) == 0)
        {
            // A trailing ';' followed only by whitespace and comments is still one statement.
            parts.Add(";");
            if (random.Next(2) == 0)
            {
                parts.Add(dialect == SqlDialect.MySql ? "-- done\n" : "/* done */");
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>
    /// A SELECT list whose items are literals, quoted names and comments with hostile text inside (quotes,
    /// backslashes, <c>;</c>, dollar signs, comment markers): often valid SQL, so the engine's parser gets far enough
    /// to count statements, and exactly where the scanner and the engine might disagree on where a region ends.
    /// </summary>
    public static string Expressions(Random random, SqlDialect dialect)
    {
        const string hostile = "ab ;;'\\\"$*/-#\n!`[]";
        string Inner()
        {
            var text = new StringBuilder();
            var length = random.Next(0, 8);
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(6) == 0 ? "; select 2 " : hostile[random.Next(hostile.Length)].ToString());
            }

            return text.ToString();
        }

        string Item() => (dialect, random.Next(7)) switch
        {
            (_, 0) => "'" + Inner() + "'",
            (SqlDialect.Postgres, 1) => "E'" + Inner() + "'",
            (SqlDialect.Postgres, 2) => "$$" + Inner() + "$$",
            (SqlDialect.Postgres, 3) => "$a$" + Inner() + "$a$",
            (SqlDialect.MySql, 1) => "`" + Inner() + "`",
            (SqlDialect.MySql, 2) => "1 /*!" + Inner() + "*/",
            (SqlDialect.MySql, 3) => "1 # " + Inner() + "\n",
            (SqlDialect.Sqlite, 1) => "[" + Inner() + "]",
            (SqlDialect.Sqlite, 2) => "`" + Inner() + "`",
            (_, 4) => "\"" + Inner() + "\"",
            (_, 5) => "1 /*" + Inner() + "*/",
            (_, 6) => "1 -- " + Inner() + "\n",
            _ => "1",
        };

        var items = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            items.Add(Item());
        }

        var text = "select " + string.Join(", ", items);
        return random.Next(4) == 0 ? text + " ; select 2" : text;
    }

    private static string ClosedPiece(Random random, SqlDialect dialect)
    {
        var inner = Filler(random);
        return random.Next(9) switch
        {
            0 => "'" + inner.Replace("'", "''", StringComparison.Ordinal) + "'",
            1 => dialect == SqlDialect.MySql ? "`" + inner.Replace("`", "``", StringComparison.Ordinal) + "`" : "\"" + inner.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
            2 => "/* " + inner.Replace("*/", "* /", StringComparison.Ordinal).Replace("/*", "/ *", StringComparison.Ordinal) + " */",
            3 => "-- " + inner.Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal) + "\n",
            4 => ":p" + random.Next(5),
            5 => random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            6 => dialect == SqlDialect.Postgres ? "$q$" + inner.Replace('$', 'd') + "$q$" : "x",
            7 => "a" + random.Next(10) + "::text",
            _ => "col" + random.Next(10),
        };
    }

    /// <summary>Text for inside a region: anything but backslashes and NUL (whose meaning depends on the reading).</summary>
    private static string Filler(Random random)
    {
        const string alphabet = "ab ;;'\"`$*/-#:\n\r!?[]{}()é";
        var length = random.Next(0, 10);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
