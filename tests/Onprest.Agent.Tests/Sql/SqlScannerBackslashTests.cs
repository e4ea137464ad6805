using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>
/// Backslash-ambiguous dialects (docs/capability-yaml.md): postgres and mysql must pass every reading; the
/// other dialects never treat a backslash as an escape.
/// </summary>
public sealed class SqlScannerBackslashTests
{
    // Each row: is the text one statement for postgres, mysql, sqlserver, sqlite, oracle?
    public static TheoryData<SqlDialect, string, bool> Rows => SqlDialects.PerDialect(
        (@"SELECT '\'; UPDATE t SET v=99", false, false, false, false, false),
        (@"SELECT '\\'; UPDATE t SET v=99", false, false, false, false, false),
        (@"select 'a\' from t", true, true, true, true, true),
        (@"select 'a\\' from t", true, true, true, true, true),
        (@"select 'it\'s' from t", true, true, true, true, true),
        (@"select 'it\'s;' from t", false, false, false, false, false),
        (@"select 'a\'';b' from t", false, false, true, true, true),
        (@"select '\''; delete from t; -- '", false, false, true, true, true),
        (@"select ""\""; delete from t; -- """, false, false, false, false, false),
        (@"select ""a\"" from t", true, true, true, true, true),
        (@"select `a\`;b` from t", false, false, false, false, false),
        (@"select [a\];b] from t", false, false, false, false, false),
        // escape in '…' but not in "…" (PostgreSQL standard_conforming_strings off, MySQL ANSI_QUOTES)
        (@"select '\'' , ""\"" ; delete from t ; -- """, false, false, true, true, true),
        // escape in "…" (the reading the spec names for both dialects)
        (@"select ""\"""" ; delete from t; -- """, false, false, true, true, true),
        // E-strings escape in every reading, also across the server's string continuation
        (@"SELECT E'escaped\'; still string'", true, false, false, false, false),
        ("select E'a'\n'\\' ; delete from t; -- '", true, false, false, false, false),
        ("select E'a' -- c\n'\\' ; delete from t; -- '", true, false, false, false, false),
        ("select E'a'\r\n  \n\t'\\' ; delete from t; -- '", true, false, false, false, false),
        ("select E'a' '\\' ; delete from t; -- '", false, false, false, false, false),
        ("select E'a' /* c */\n'\\' ; delete from t; -- '", false, false, false, false, false),
        ("select '\\' , E''\n'\\'' ; delete from t ; --'", false, false, true, true, true),
        ("select 'a'\n'\\' ; delete from t; -- '", false, false, false, false, false));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Statement_count_holds_in_every_backslash_reading(SqlDialect dialect, string sql, bool single)
    {
        Assert.Equal(single, SqlScanner.Analyze(sql, dialect).IsSingleStatement);
    }

    [Theory]
    [InlineData(SqlDialect.Postgres)]
    [InlineData(SqlDialect.MySql)]
    public void Operation_must_agree_in_every_reading(SqlDialect dialect)
    {
        // Backslash literal: a string, then "update"; backslash an escape: one string and no first token.
        var analysis = SqlScanner.Analyze(@"'\' update t set v = 1 --'", dialect);

        Assert.Equal(SqlOperation.Unsupported, analysis.Operation);
    }

    [Theory]
    [InlineData(SqlDialect.Postgres)]
    [InlineData(SqlDialect.MySql)]
    public void Returning_found_in_any_reading_counts(SqlDialect dialect)
    {
        var analysis = SqlScanner.Analyze(@"insert into t(v) values ('\') returning v --')", dialect);

        Assert.Equal(SqlOperation.Insert, analysis.Operation);
        Assert.True(analysis.DmlReturnsRows);
    }

    [Theory]
    [InlineData(SqlDialect.Postgres)]
    [InlineData(SqlDialect.MySql)]
    public void Into_found_in_any_reading_counts(SqlDialect dialect)
    {
        var analysis = SqlScanner.Analyze(@"select '\' into @v --' from t", dialect);

        Assert.Equal(SqlOperation.Select, analysis.Operation);
        Assert.True(analysis.SelectHasInto);
    }

    [Theory]
    [InlineData(SqlDialect.SqlServer)]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.Oracle)]
    public void Other_dialects_read_backslash_literally(SqlDialect dialect)
    {
        Assert.Equal(
            new SqlAnalysis(true, SqlOperation.Select, false, false),
            SqlScanner.Analyze(@"select 'C:\dir\' from t", dialect));
    }

    // Rewriting uses the server default: literal for postgres outside E-strings, an escape for mysql.
    [Theory]
    [InlineData(SqlDialect.Postgres, @"select ':a\', :b", @"select ':a\', $1", "b")]
    [InlineData(SqlDialect.Postgres, @"select E':a\', :b'", @"select E':a\', :b'", null)]
    [InlineData(SqlDialect.Postgres, @"select "":a\"", :b", @"select "":a\"", $1", "b")]
    [InlineData(SqlDialect.MySql, @"select ':a\', :b'", @"select ':a\', :b'", null)]
    [InlineData(SqlDialect.MySql, @"select "":a\"", :b""", @"select "":a\"", :b""", null)]
    [InlineData(SqlDialect.MySql, @"select `:a\`, :b", @"select `:a\`, ?", "b")]
    [InlineData(SqlDialect.SqlServer, @"select ':a\', :b", @"select ':a\', @p1", "b")]
    [InlineData(SqlDialect.Sqlite, @"select ':a\', :b", @"select ':a\', @p1", "b")]
    [InlineData(SqlDialect.Oracle, @"select ':a\', :b", @"select ':a\', :1", "b")]
    public void Rewrite_uses_the_server_default_backslash_reading(SqlDialect dialect, string sql, string expected, string? name)
    {
        var rewritten = SqlScanner.Rewrite(sql, dialect);

        Assert.Equal(expected, rewritten.Text);
        Assert.Equal(name is null ? [] : [name], rewritten.ParameterNames);
    }
}
