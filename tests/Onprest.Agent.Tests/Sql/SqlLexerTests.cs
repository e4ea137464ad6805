using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>The lexemes the state machine produces (docs/capability-yaml.md).</summary>
public sealed class SqlLexerTests
{
    public static TheoryData<SqlDialect, string, string> Rows => new()
    {
        { SqlDialect.Postgres, "select 'a' -- c\n;", "Word Whitespace Quoted Whitespace Comment Whitespace Semicolon" },
        { SqlDialect.Postgres, "x::int", "Word Other Word" },
        { SqlDialect.Postgres, "x = :id", "Word Whitespace Other Whitespace Placeholder" },
        { SqlDialect.Postgres, "$$a$$$b$", "Quoted Other Word Other" },
        { SqlDialect.Postgres, "E'\\'' e", "Quoted Whitespace Word" },
        { SqlDialect.Postgres, "12abc", "Other Word" },
        { SqlDialect.Postgres, "a1_b2", "Word" },
        { SqlDialect.Postgres, "é+1", "Other" },
        { SqlDialect.Postgres, "/* /* */ */x", "Comment Word" },
        { SqlDialect.MySql, "/*!50000 x */y", "ExecutableCommentMarker Other Whitespace Word Whitespace ExecutableCommentMarker Word" },
        { SqlDialect.MySql, "/*M!x*/", "ExecutableCommentMarker Word ExecutableCommentMarker" },
        { SqlDialect.MySql, "/*+ x */", "Comment" },
        { SqlDialect.MySql, "*/", "Other Other" },
        { SqlDialect.MySql, "# c\nx", "Comment Whitespace Word" },
        { SqlDialect.MySql, "--x", "Other Other Word" },
        { SqlDialect.MySql, "-- x\rx\ny", "Comment Whitespace Word" },
        { SqlDialect.MySql, "`a``b`c", "Quoted Word" },
        { SqlDialect.SqlServer, "[a]]b]c", "Quoted Word" },
        { SqlDialect.SqlServer, "@p1", "Other Word" },
        { SqlDialect.Sqlite, "[a]]b]c", "Quoted Other Word Other Word" },
        { SqlDialect.Oracle, "q'[a]'x", "Quoted Word" },
        { SqlDialect.Oracle, "nq'[a]'x", "Quoted Word" },
        { SqlDialect.Oracle, "a#q'[a]'", "Word Other Word Quoted" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Lexemes_follow_the_state_machine(SqlDialect dialect, string sql, string expected)
    {
        var kinds = new List<string>();
        var lexer = new SqlLexer(sql, SqlScanMode.ServerDefault(dialect));
        while (lexer.TryRead(out var lexeme))
        {
            kinds.Add(lexeme.Kind.ToString());
        }

        Assert.Equal(expected, string.Join(' ', kinds));
    }

    [Fact]
    public void Server_defaults_follow_the_spec()
    {
        Assert.Equal(
            new SqlScanMode(SqlDialect.Postgres, false, false, true, true),
            SqlScanMode.ServerDefault(SqlDialect.Postgres));
        Assert.Equal(
            new SqlScanMode(SqlDialect.MySql, true, true, true, false, NestedExecutableMarkersAsCode: true),
            SqlScanMode.ServerDefault(SqlDialect.MySql));
        Assert.False(SqlScanMode.ServerDefault(SqlDialect.SqlServer).BackslashEscapesInSingleQuotes);
    }

    /// <summary>Every reading <see cref="SqlScanner.Analyze"/> may use for the dialect.</summary>
    internal static IEnumerable<SqlScanMode> Modes(SqlDialect dialect)
    {
        foreach (var single in new[] { false, true })
        {
            foreach (var @double in new[] { false, true })
            {
                foreach (var conditional in new[] { false, true })
                {
                    foreach (var carriageReturn in new[] { false, true })
                    {
                        foreach (var nested in new[] { false, true })
                        {
                            yield return new SqlScanMode(dialect, single, @double, conditional, carriageReturn, nested);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Asserts the lexemes are non-empty and cover the text without gaps; returns the placeholder count.</summary>
    internal static int AssertTiles(string sql, SqlScanMode mode)
    {
        var lexer = new SqlLexer(sql, mode);
        var position = 0;
        var placeholders = 0;
        while (lexer.TryRead(out var lexeme))
        {
            Assert.Equal(position, lexeme.Start);
            Assert.True(lexeme.Length > 0);
            position = lexeme.End;
            if (lexeme.Kind == SqlLexemeKind.Placeholder)
            {
                placeholders++;
            }
        }

        Assert.Equal(sql.Length, position);
        return placeholders;
    }
}
