using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>The SQL Server statement-keyword rule (docs/capability-yaml.md).</summary>
public sealed class SqlServerStatementKeywordTests
{
    // The list exactly as writes it.
    private static readonly string[] SpecKeywords =
    [
        "insert", "update", "delete", "merge", "exec", "execute", "declare", "create", "alter", "drop", "truncate",
        "grant", "revoke", "deny", "begin", "commit", "rollback", "save", "waitfor", "use", "dbcc", "bulk", "backup",
        "restore", "kill", "shutdown", "reconfigure", "checkpoint", "print", "raiserror", "throw", "goto", "return",
        "while", "if", "break", "continue", "open", "close", "deallocate", "readtext", "writetext",
        "updatetext", "setuser", "revert", "receive", "send",
    ];

    public static TheoryData<string> Keywords => new(SpecKeywords);

    [Fact]
    public void Keyword_list_matches_the_spec()
    {
        Assert.Equal(SpecKeywords.Order(StringComparer.Ordinal), SqlServerStatementKeywords.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Keywords))]
    public void Keyword_after_the_first_token_is_another_statement(string keyword)
    {
        Assert.False(SqlScanner.Analyze($"select a from t {keyword} x", SqlDialect.SqlServer).IsSingleStatement);
        Assert.False(SqlScanner.Analyze($"SELECT a FROM t\n{keyword.ToUpperInvariant()} x", SqlDialect.SqlServer).IsSingleStatement);
        Assert.False(SqlScanner.Analyze($"update t set a = 1 where b = 2 {keyword}", SqlDialect.SqlServer).IsSingleStatement);
    }

    [Theory]
    [MemberData(nameof(Keywords))]
    public void Quoted_or_commented_keyword_is_not_a_statement(string keyword)
    {
        foreach (var sql in new[]
                 {
                     $"select [{keyword}] from t",
                     $"select \"{keyword}\" from t",
                     $"select '{keyword}' from t",
                     $"select a from t -- {keyword}",
                     $"select a from t /* {keyword} */",
                     $"select {keyword}_x, x_{keyword}, {keyword}1 from t",
                 })
        {
            Assert.True(SqlScanner.Analyze(sql, SqlDialect.SqlServer).IsSingleStatement, sql);
        }
    }

    [Theory]
    [MemberData(nameof(Keywords))]
    public void Keyword_as_the_first_token_is_the_operation_not_a_second_statement(string keyword)
    {
        Assert.True(SqlScanner.Analyze($"{keyword} t", SqlDialect.SqlServer).IsSingleStatement);
    }

    [Theory]
    [InlineData(SqlDialect.Postgres)]
    [InlineData(SqlDialect.MySql)]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.Oracle)]
    public void Other_dialects_have_no_keyword_rule(SqlDialect dialect)
    {
        foreach (var keyword in SpecKeywords.Append("set"))
        {
            Assert.True(SqlScanner.Analyze($"select a from t {keyword} x", dialect).IsSingleStatement, keyword);
        }
    }

    [Theory]
    [InlineData("update t set a = 1, b = 2 where c = 3", true)]
    [InlineData("UPDATE t SET a = 1", true)]
    [InlineData("update t set a = 1 set b = 2", false)]
    [InlineData("update t set a = (select 1) set b = 2", false)]
    [InlineData("update t set a = 1; set b = 2", false)]
    [InlineData("update t set a = 1 where b = '; set'", true)]
    [InlineData("update t set [set] = 1", true)]
    [InlineData("update t set a = :set", false)]
    [InlineData("select a from t set", false)]
    [InlineData("insert into t(a) values (1) set a = 2", false)]
    [InlineData("delete from t set", false)]
    [InlineData("set nocount on", true)]
    [InlineData("set nocount on set xact_abort on", false)]
    [InlineData("select 1\nselect 2", true)]
    [InlineData("select a from t\nGO\nselect b from u", true)]
    [InlineData("select a from t order by a offset 0 rows fetch next 5 rows only", true)]
    [InlineData("insert into t(a) select a from u where b in (select b from v)", true)]
    [InlineData("update t set v = 1 output inserted.v", true)]
    [InlineData("select a from t with (nolock)", true)]
    [InlineData("select @update from t", false)]
    [InlineData("select a from t where b = :delete", false)]
    [InlineData("select a from t option (recompile)", true)]
    public void Statement_keyword_rows(string sql, bool single)
    {
        Assert.Equal(single, SqlScanner.Analyze(sql, SqlDialect.SqlServer).IsSingleStatement);
    }
}
