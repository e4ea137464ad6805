using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>Every example sentence of docs/capability-yaml.md as a row.</summary>
public sealed class SqlScannerSpecExampleTests
{
    // "So /* outer /* inner */ SELECT */ UPDATE t SET v=1 is an UPDATE for those dialects."
    [Theory]
    [InlineData(SqlDialect.Postgres, SqlOperation.Update)]
    [InlineData(SqlDialect.SqlServer, SqlOperation.Update)]
    [InlineData(SqlDialect.MySql, SqlOperation.Select)]
    [InlineData(SqlDialect.Sqlite, SqlOperation.Select)]
    [InlineData(SqlDialect.Oracle, SqlOperation.Select)]
    public void Nested_comments_hide_the_inner_select_only_where_comments_nest(SqlDialect dialect, SqlOperation expected)
    {
        var analysis = SqlScanner.Analyze("/* outer /* inner */ SELECT */ UPDATE t SET v=1", dialect);

        Assert.Equal(expected, analysis.Operation);
    }

    // "SELECT '\'; UPDATE t SET v=99 is rejected for every dialect"
    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Backslash_before_quote_is_rejected_for_every_dialect(SqlDialect dialect)
    {
        Assert.False(SqlScanner.Analyze(@"SELECT '\'; UPDATE t SET v=99", dialect).IsSingleStatement);
    }

    // "PostgreSQL SELECT E'escaped\'; still string' is accepted"
    [Fact]
    public void Postgres_escape_string_hides_the_semicolon()
    {
        Assert.Equal(
            new SqlAnalysis(true, SqlOperation.Select, false, false),
            SqlScanner.Analyze(@"SELECT E'escaped\'; still string'", SqlDialect.Postgres));
    }

    // "MySQL select `semi;colon` from t, SQL Server select [semi;colon] from t and Oracle
    // select q'[semi;colon]' from dual are accepted"
    [Theory]
    [InlineData(SqlDialect.MySql, "select `semi;colon` from t")]
    [InlineData(SqlDialect.SqlServer, "select [semi;colon] from t")]
    [InlineData(SqlDialect.Oracle, "select q'[semi;colon]' from dual")]
    public void Dialect_quotes_hide_the_semicolon(SqlDialect dialect, string sql)
    {
        Assert.Equal(new SqlAnalysis(true, SqlOperation.Select, false, false), SqlScanner.Analyze(sql, dialect));
    }

    // "Anything else — with, merge, call, exec, create, begin, replace, values, an empty text, …"
    public static TheoryData<SqlDialect, string, SqlOperation> UnsupportedOperations => SqlDialects.ForAll(
        ("with x as (select 1) select * from x", SqlOperation.Unsupported),
        ("merge into t using u on t.a = u.a when matched then update set b = 1", SqlOperation.Unsupported),
        ("call p(1)", SqlOperation.Unsupported),
        ("exec p 1", SqlOperation.Unsupported),
        ("create table t(a int)", SqlOperation.Unsupported),
        ("begin", SqlOperation.Unsupported),
        ("replace into t values (1)", SqlOperation.Unsupported),
        ("values (1)", SqlOperation.Unsupported),
        ("", SqlOperation.Unsupported));

    [Theory]
    [MemberData(nameof(UnsupportedOperations))]
    public void Operations_other_than_the_four_are_unsupported(SqlDialect dialect, string sql, SqlOperation expected)
    {
        Assert.Equal(expected, SqlScanner.Analyze(sql, dialect).Operation);
    }

    // "A SELECT that contains the token into anywhere (SELECT … INTO new_table, INTO OUTFILE, INTO @v)"
    public static TheoryData<SqlDialect, string, bool> SelectInto => SqlDialects.ForAll(
        ("SELECT a, b INTO new_table FROM t", true),
        ("SELECT a FROM t INTO OUTFILE 'x.csv'", true),
        ("SELECT a FROM t INTO @v", true));

    [Theory]
    [MemberData(nameof(SelectInto))]
    public void Select_into_is_flagged(SqlDialect dialect, string sql, bool expected)
    {
        var analysis = SqlScanner.Analyze(sql, dialect);

        Assert.Equal(SqlOperation.Select, analysis.Operation);
        Assert.Equal(expected, analysis.SelectHasInto);
    }

    // "One trailing semicolon, optionally followed by comments, is allowed (select 1;, select 1; -- c);
    // select 1;; and select 1; update t set v=2 are rejected."
    public static TheoryData<SqlDialect, string, bool> TrailingSemicolons => SqlDialects.ForAll(
        ("select 1;", true),
        ("select 1; -- c", true),
        ("select 1;;", false),
        ("select 1; update t set v=2", false));

    [Theory]
    [MemberData(nameof(TrailingSemicolons))]
    public void One_trailing_semicolon_is_allowed(SqlDialect dialect, string sql, bool expected)
    {
        Assert.Equal(expected, SqlScanner.Analyze(sql, dialect).IsSingleStatement);
    }

    // SQL Server keywords: "select may appear again: subqueries and INSERT … SELECT are single statements;
    // fetch may appear, as in OFFSET … FETCH NEXT … ROWS ONLY"; "An identifier spelled like one of these keywords
    // must be written quoted ([send], "send"); the rule also rejects the MERGE join hint."
    [Theory]
    [InlineData("select a from t where b in (select c from u)", true)]
    [InlineData("insert into t(a) select a from u", true)]
    [InlineData("select a from t order by a offset 10 rows fetch next 5 rows only", true)]
    [InlineData("select [send] from t", true)]
    [InlineData("select \"send\" from t", true)]
    [InlineData("select send from t", false)]
    [InlineData("select a from t inner merge join u on t.a = u.a", false)]
    [InlineData("update t set a = 1", true)]
    [InlineData("update t set a = 1 set b = 2", false)]
    [InlineData("select a from t set b = 1", false)]
    public void Sql_server_statement_keywords_from_the_spec(string sql, bool expected)
    {
        Assert.Equal(expected, SqlScanner.Analyze(sql, SqlDialect.SqlServer).IsSingleStatement);
    }

    // "Text inside strings and comments does not count: insert into t(v) values ('returning; output') is
    // accepted."
    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Returning_inside_a_string_does_not_count(SqlDialect dialect)
    {
        Assert.Equal(
            new SqlAnalysis(true, SqlOperation.Insert, false, false),
            SqlScanner.Analyze("insert into t(v) values ('returning; output')", dialect));
    }

    // ":: is copied literally (PostgreSQL cast: now::date). A: followed by anything that cannot start a
    // name (digit, space, =, end of text) is literal. Nothing inside protected regions is rewritten
    // (':skip', $$:skip$$, -- :skip)."
    [Theory]
    [InlineData("select now()::date")]
    [InlineData("select a[1:2] from t")]
    [InlineData("select 1 : 2")]
    [InlineData("select a := 1")]
    [InlineData("select 1:")]
    [InlineData("select ':skip'")]
    [InlineData("select $$:skip$$")]
    [InlineData("select 1 -- :skip")]
    public void Postgres_text_that_is_not_a_placeholder_is_copied(string sql)
    {
        var rewritten = SqlScanner.Rewrite(sql, SqlDialect.Postgres);

        Assert.Equal(sql, rewritten.Text);
        Assert.Empty(rewritten.ParameterNames);
    }

    // "numbered left to right per occurrence" in the engine's form, "A name used twice is bound twice".
    [Theory]
    [InlineData(SqlDialect.Postgres, "select $1, $2, $3")]
    [InlineData(SqlDialect.MySql, "select ?, ?, ?")]
    [InlineData(SqlDialect.SqlServer, "select @p1, @p2, @p3")]
    [InlineData(SqlDialect.Sqlite, "select @p1, @p2, @p3")]
    [InlineData(SqlDialect.Oracle, "select :1, :2, :3")]
    public void Placeholders_become_the_engine_form_per_occurrence(SqlDialect dialect, string expected)
    {
        var rewritten = SqlScanner.Rewrite("select :a, :b, :a", dialect);

        Assert.Equal(expected, rewritten.Text);
        Assert.Equal(["a", "b", "a"], rewritten.ParameterNames);
    }

    public static TheoryData<SqlDialect> AllDialects => new(SqlDialects.All);
}
