using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>Placeholder rewriting (docs/capability-yaml.md).</summary>
public sealed class SqlPlaceholderRewriteTests
{
    // Each row: dialect, SQL, rewritten text, parameter names (comma-separated, "" for none).
    public static TheoryData<SqlDialect, string, string, string> MustRewrite => new()
    {
        { SqlDialect.Postgres, "select * from t where id = :id", "select * from t where id = $1", "id" },
        { SqlDialect.Postgres, ":a", "$1", "a" },
        { SqlDialect.Postgres, "select :a,:b,:a", "select $1,$2,$3", "a,b,a" },
        { SqlDialect.Postgres, "select :a::int", "select $1::int", "a" },
        { SqlDialect.Postgres, "select :_x1, :A, :a", "select $1, $2, $3", "_x1,A,a" },
        { SqlDialect.Postgres, "select (:a)", "select ($1)", "a" },
        { SqlDialect.Postgres, "select :aé", "select $1é", "a" },
        { SqlDialect.Postgres, "select x:::a", "select x::$1", "a" },
        { SqlDialect.Postgres, "select ':x' || :a || $$:y$$ || :b", "select ':x' || $1 || $$:y$$ || $2", "a,b" },
        { SqlDialect.Postgres, "select a$$ :b $$", "select a$$ $1 $$", "b" },
        { SqlDialect.Postgres, "select E'\\'' , :a", "select E'\\'' , $1", "a" },
        { SqlDialect.Postgres, "/* /* :x */ :y */ :a", "/* /* :x */ :y */ $1", "a" },
        { SqlDialect.Postgres, "select :a -- :b\n, :c", "select $1 -- :b\n, $2", "a,c" },
        { SqlDialect.Postgres, "select :a # :b", "select $1 # $2", "a,b" },
        { SqlDialect.Postgres, "select :a1 ,:b_2", "select $1 ,$2", "a1,b_2" },
        { SqlDialect.MySql, "select * from t where id = :id", "select * from t where id = ?", "id" },
        { SqlDialect.MySql, "select :a, :b, :a", "select ?, ?, ?", "a,b,a" },
        { SqlDialect.MySql, "select @v := :a", "select @v := ?", "a" },
        { SqlDialect.MySql, "select 1 --:a", "select 1 --?", "a" },
        { SqlDialect.MySql, "select /*! :a */ 1", "select /*! ? */ 1", "a" },
        { SqlDialect.MySql, "select /*!50700 :a */ 1", "select /*!50700 ? */ 1", "a" },
        { SqlDialect.MySql, "select :a # :b\n, :c", "select ? # :b\n, ?", "a,c" },
        { SqlDialect.MySql, "select $$ :a $$", "select $$ ? $$", "a" },
        { SqlDialect.SqlServer, "select * from t where id = :id", "select * from t where id = @p1", "id" },
        { SqlDialect.SqlServer, "select :a, :b, :a", "select @p1, @p2, @p3", "a,b,a" },
        { SqlDialect.SqlServer, "select [:x], :a", "select [:x], @p1", "a" },
        { SqlDialect.SqlServer, "select [a]]:x], :a", "select [a]]:x], @p1", "a" },
        { SqlDialect.SqlServer, "/* /* :x */ :y */ :a", "/* /* :x */ :y */ @p1", "a" },
        { SqlDialect.SqlServer, "select `:a`", "select `@p1`", "a" },
        { SqlDialect.Sqlite, "select * from t where id = :id", "select * from t where id = @p1", "id" },
        { SqlDialect.Sqlite, "select [a]:b]", "select [a]@p1]", "b" },
        { SqlDialect.Sqlite, "select `:x`, [:y], :a", "select `:x`, [:y], @p1", "a" },
        { SqlDialect.Sqlite, "/* /* :x */ :y */ :a", "/* /* :x */ @p1 */ @p2", "y,a" },
        { SqlDialect.Oracle, "select * from t where id = :id", "select * from t where id = :1", "id" },
        { SqlDialect.Oracle, "select :a, :b, :a from dual", "select :1, :2, :3 from dual", "a,b,a" },
        { SqlDialect.Oracle, "select q'[:x]', :a from dual", "select q'[:x]', :1 from dual", "a" },
        { SqlDialect.Oracle, "select nq'(:x)', :a from dual", "select nq'(:x)', :1 from dual", "a" },
        { SqlDialect.Oracle, "select xq'[:x]', :a from dual", "select xq'[:x]', :1 from dual", "a" },
        { SqlDialect.Oracle, "select q'!:x!', :a from dual", "select q'!:x!', :1 from dual", "a" },
    };

    [Theory]
    [MemberData(nameof(MustRewrite))]
    public void Placeholders_are_rewritten(SqlDialect dialect, string sql, string expected, string names)
    {
        var rewritten = SqlScanner.Rewrite(sql, dialect);

        Assert.Equal(expected, rewritten.Text);
        Assert.Equal(names.Split(',', StringSplitOptions.RemoveEmptyEntries), rewritten.ParameterNames);
    }

    // Each row is copied unchanged by the dialects listed (postgres, mysql, sqlserver, sqlite, oracle = true).
    public static TheoryData<SqlDialect, string, bool> MustNotRewrite => SqlDialects.PerDialect(
        ("select 1", true, true, true, true, true),
        ("", true, true, true, true, true),
        ("select now()::date", true, true, true, true, true),
        ("select ':skip'", true, true, true, true, true),
        ("select '':skip''", false, false, false, false, false),
        ("select 'a'':skip'", true, true, true, true, true),
        ("select \":skip\"", true, true, true, true, true),
        ("select 1 -- :skip", true, true, true, true, true),
        ("select 1 --:skip", true, false, true, true, true),
        ("select 1 /* :skip */", true, true, true, true, true),
        ("select 1 /*+ :skip */", true, true, true, true, true),
        ("select 1 /*! :skip */", true, false, true, true, true),
        ("select 1 # :skip", false, true, false, false, false),
        ("select $$:skip$$", true, false, false, false, false),
        ("select $t$:skip$t$", true, false, false, false, false),
        ("select `:skip`", false, true, false, true, false),
        ("select [:skip]", false, false, true, true, false),
        ("select q'[:skip]' from dual", true, true, true, true, true),
        ("select q'[':skip]' from dual", false, false, false, false, true),
        ("select E'\\':skip'", true, true, false, false, false),
        ("select :1", true, true, true, true, true),
        ("select : a", true, true, true, true, true),
        ("select a := 1", true, true, true, true, true),
        ("select 1:", true, true, true, true, true),
        ("select :", true, true, true, true, true),
        ("select :é", true, true, true, true, true),
        ("select :$a", true, true, true, true, true),
        ("select :@a", true, true, true, true, true),
        ("select :'a'", true, true, true, true, true),
        ("select 'unterminated :skip", true, true, true, true, true),
        ("select /* unterminated :skip", true, true, true, true, true));

    [Theory]
    [MemberData(nameof(MustNotRewrite))]
    public void Text_without_placeholders_is_copied(SqlDialect dialect, string sql, bool unchanged)
    {
        var rewritten = SqlScanner.Rewrite(sql, dialect);

        Assert.Equal(unchanged, rewritten.Text == sql);
        Assert.Equal(unchanged, rewritten.ParameterNames.Count == 0);
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Text_without_placeholders_is_returned_as_is(SqlDialect dialect)
    {
        const string sql = "select a from t where b = 'x'";

        Assert.Same(sql, SqlScanner.Rewrite(sql, dialect).Text);
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Many_placeholders_are_numbered_in_order(SqlDialect dialect)
    {
        var sql = "select " + string.Join(", ", Enumerable.Range(1, 1500).Select(i => $":p{i}"));

        var rewritten = SqlScanner.Rewrite(sql, dialect);

        Assert.Equal(Enumerable.Range(1, 1500).Select(i => $"p{i}"), rewritten.ParameterNames);
        var expectedTail = dialect switch
        {
            SqlDialect.Postgres => "$1499, $1500",
            SqlDialect.MySql => "?, ?",
            SqlDialect.Oracle => ":1499, :1500",
            _ => "@p1499, @p1500",
        };
        Assert.EndsWith(expectedTail, rewritten.Text, StringComparison.Ordinal);
    }

    // Postgres operator and quoting cases that must pass through untouched (the kinds of cases a driver-side
    // placeholder parser is tested with).
    [Theory]
    [InlineData("SELECT to_tsvector('fat cats ate rats') @@ to_tsquery('cat & rat')")]
    [InlineData("SELECT 'cat'::tsquery @> 'cat & rat'::tsquery")]
    [InlineData("SELECT 'cat'::tsquery <@ 'cat & rat'::tsquery")]
    [InlineData("SELECT 'it''s'")]
    [InlineData("SELECT 'fn(''a.b'')#''X''%'")]
    [InlineData("SELECT 'q'':str''b:str'")]
    [InlineData("SELECT 1 FROM \":str\"")]
    [InlineData("SELECT 1 FROM 'v'::str")]
    [InlineData("SELECT $\u00e9tag9$text :str :int$\u00e9tag9 $\u00e9tag9$")]
    [InlineData("SELECT $$:str$$")]
    [InlineData("SELECT e'ab\\'c:param'")]
    [InlineData("SELECT/*/* -- nested :int /*/* *//*/ **/*/*/*/1")]
    [InlineData("SELECT 1,\n-- comment with :param\n2")]
    public void Postgres_untouched_rows(string sql)
    {
        var rewritten = SqlScanner.Rewrite(sql, SqlDialect.Postgres);

        Assert.Equal(sql, rewritten.Text);
        Assert.Empty(rewritten.ParameterNames);
        Assert.Equal(new SqlAnalysis(true, SqlOperation.Select, false, false), SqlScanner.Analyze(sql, SqlDialect.Postgres));
    }

    [Theory]
    [InlineData("SELECT 1<:param", "SELECT 1<$1")]
    [InlineData("SELECT 1>:param", "SELECT 1>$1")]
    [InlineData("SELECT 1<>:param", "SELECT 1<>$1")]
    [InlineData("SELECT--comment\r:param", "SELECT--comment\r$1")]
    [InlineData("SELECT :param::text||:param", "SELECT $1::text||$2")]
    public void Postgres_operator_neighbours_still_bind(string sql, string expected)
    {
        var rewritten = SqlScanner.Rewrite(sql, SqlDialect.Postgres);

        Assert.Equal(expected, rewritten.Text);
        Assert.All(rewritten.ParameterNames, name => Assert.Equal("param", name));
    }

    [Fact]
    public void Mysql_default_reads_backslash_as_escape()
    {
        const string sql = "SELECT 'q\\':str''b:str'";

        Assert.Same(sql, SqlScanner.Rewrite(sql, SqlDialect.MySql).Text);
        Assert.Equal("SELECT 'q\\'$1''b$2'", SqlScanner.Rewrite(sql, SqlDialect.Postgres).Text);
    }

    public static TheoryData<SqlDialect> AllDialects => new(SqlDialects.All);
}
