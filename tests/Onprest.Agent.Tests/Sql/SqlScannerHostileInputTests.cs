using System.Text;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>Huge, deep, unterminated, malformed and unicode input: no exception, no recursion, stable answers.</summary>
public sealed class SqlScannerHostileInputTests
{
    private const int OneMegabyte = 1024 * 1024;

    public static TheoryData<SqlDialect> AllDialects => new(SqlDialects.All);

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void One_megabyte_of_comment_openers_does_not_overflow(SqlDialect dialect)
    {
        var sql = string.Concat(Enumerable.Repeat("/*", OneMegabyte / 2));

        Assert.Equal(new SqlAnalysis(true, SqlOperation.Unsupported, false, false), SqlScanner.Analyze(sql, dialect));
        Assert.Same(sql, SqlScanner.Rewrite(sql, dialect).Text);
    }

    [Theory]
    [InlineData(SqlDialect.Postgres, SqlOperation.Unsupported)]
    [InlineData(SqlDialect.SqlServer, SqlOperation.Unsupported)]
    [InlineData(SqlDialect.MySql, SqlOperation.Update)]
    [InlineData(SqlDialect.Sqlite, SqlOperation.Update)]
    [InlineData(SqlDialect.Oracle, SqlOperation.Update)]
    public void Deeply_nested_comments_are_counted_not_recursed(SqlDialect dialect, SqlOperation expected)
    {
        // "/* " repeated, then one "*/ " fewer: still inside a comment where comments nest, long closed elsewhere.
        const int depth = OneMegabyte / 6;
        var sql = new StringBuilder()
            .Insert(0, "/* ", depth)
            .Insert(depth * 3, "*/ ", depth - 1)
            .Append("update t set v = :v")
            .ToString();

        Assert.Equal(expected, SqlScanner.Analyze(sql, dialect).Operation);
        Assert.Equal(expected == SqlOperation.Update ? ["v"] : [], SqlScanner.Rewrite(sql, dialect).ParameterNames);
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Huge_statements_are_scanned(SqlDialect dialect)
    {
        var columns = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"c{i}"));
        var sql = $"select {columns} from t where a = :a;";

        Assert.Equal(new SqlAnalysis(true, SqlOperation.Select, false, false), SqlScanner.Analyze(sql, dialect));
        Assert.Equal(["a"], SqlScanner.Rewrite(sql, dialect).ParameterNames);
    }

    public static TheoryData<SqlDialect, string> RepeatedCharacters()
    {
        var data = new TheoryData<SqlDialect, string>();
        foreach (var dialect in SqlDialects.All)
        {
            foreach (var unit in new[] { ";", "'", "\"", "`", "[", "]", "$", "$$", "\\", "-", "--", "#", "*/", "/*!", "q'", ":", "::", "(", "\0", "\r", "\uD83D", "é", "E'\\'\n'", "$a", "$tag", "q'x", "nq'", "/*M!", "-- x\r", "/*/" })
            {
                data.Add(dialect, unit);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepeatedCharacters))]
    public void A_long_run_of_one_construct_is_scanned_without_error(SqlDialect dialect, string unit)
    {
        var sql = "select " + string.Concat(Enumerable.Repeat(unit, OneMegabyte / 4 / unit.Length));

        var analysis = SqlScanner.Analyze(sql, dialect);
        var rewritten = SqlScanner.Rewrite(sql, dialect);

        Assert.Equal(SqlOperation.Select, analysis.Operation);
        Assert.Empty(rewritten.ParameterNames);
        Assert.Equal(sql, rewritten.Text);
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void A_megabyte_of_placeholders_is_rewritten(SqlDialect dialect)
    {
        var sql = "select " + string.Concat(Enumerable.Repeat(":a,", OneMegabyte / 3));

        Assert.Equal(OneMegabyte / 3, SqlScanner.Rewrite(sql, dialect).ParameterNames.Count);
    }

    // Each row is one statement (and a SELECT) for every dialect.
    public static TheoryData<SqlDialect, string, bool> UnicodeRows => SqlDialects.ForAll(
        ("select '😀;' from t", true),
        ("select \"😀;\" from t", true),
        ("select 名前 from テーブル", true),
        ("select 'ß' from t -- 😀; delete", true),
        ("select\u00A0*\u00A0from t", true),
        ("select '\uD800;' from t", true),
        ("select '\uDC00;\uD800' from t", true),
        ("select \u202Ex\u202C from t", true),
        ("select 1 /* \u2028; */", true),
        ("select 😀; delete from t", false),
        ("select 1;\u3000", false),
        ("select 1;\u00A0", false),
        ("select 1;\uFEFF", false));

    [Theory]
    [MemberData(nameof(UnicodeRows))]
    public void Unicode_text_is_scanned_by_code_unit(SqlDialect dialect, string sql, bool single)
    {
        var analysis = SqlScanner.Analyze(sql, dialect);

        Assert.Equal(single, analysis.IsSingleStatement);
        Assert.Equal(SqlOperation.Select, analysis.Operation);
    }

    [Theory]
    [InlineData("sel\u200Bect 1")]
    [InlineData("ѕelect 1")]
    [InlineData("ＳＥＬＥＣＴ 1")]
    public void Lookalike_first_words_are_unsupported(string sql)
    {
        foreach (var dialect in SqlDialects.All)
        {
            Assert.NotEqual(SqlOperation.Select, SqlScanner.Analyze(sql, dialect).Operation);
        }
    }

    [Theory]
    [InlineData("select q'😀a';b😀' from dual", true)]
    [InlineData("select q'😀a😀';b' from dual", false)]
    [InlineData("select q'\uD83Da';b\uD83D' from dual", true)]
    [InlineData("select q'\uD83D", true)]
    public void Oracle_q_quote_delimiters_may_be_surrogate_pairs(string sql, bool single)
    {
        Assert.Equal(single, SqlScanner.Analyze(sql, SqlDialect.Oracle).IsSingleStatement);
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Unterminated_regions_extend_to_the_end(SqlDialect dialect)
    {
        foreach (var sql in new[]
                 {
                     "select '", "select 'a", "select \"", "select `", "select [", "select $$", "select $a$ x",
                     "select E'", "select E'\\", "select q'", "select q'[", "select nq'(", "select /*", "select /*!",
                     "select /*M!", "select /* /* */", "select --", "select #", "select '\\", "select :", "select ::",
                 })
        {
            var analysis = SqlScanner.Analyze(sql, dialect);
            var rewritten = SqlScanner.Rewrite(sql, dialect);

            Assert.Equal(SqlOperation.Select, analysis.Operation);
            Assert.Equal(sql, rewritten.Text);
        }
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Random_text_never_throws_and_lexemes_tile_the_text(SqlDialect dialect)
    {
        const string alphabet = "'\"`[]$#-/*!M;:aEeqQnN_1 \t\r\n\\\0é😀(";
        var random = new Random(20260501);
        var buffer = new char[64];
        for (var round = 0; round < 2_000; round++)
        {
            var length = random.Next(buffer.Length);
            for (var i = 0; i < length; i++)
            {
                buffer[i] = alphabet[random.Next(alphabet.Length)];
            }

            var sql = new string(buffer, 0, length);
            SqlScanner.Analyze(sql, dialect);
            var rewritten = SqlScanner.Rewrite(sql, dialect);

            foreach (var mode in SqlLexerTests.Modes(dialect))
            {
                var placeholders = SqlLexerTests.AssertTiles(sql, mode);
                if (mode == SqlScanMode.ServerDefault(dialect))
                {
                    Assert.Equal(placeholders, rewritten.ParameterNames.Count);
                }
            }
        }
    }
}
