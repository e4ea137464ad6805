using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>Operation, SELECT … INTO and rows-returning DML (docs/capability-yaml.md).</summary>
public sealed class SqlScannerOperationTests
{
    public static TheoryData<SqlDialect, string, SqlOperation> OperationRows => SqlDialects.ForAll(
        ("select 1", SqlOperation.Select),
        ("SELECT 1", SqlOperation.Select),
        ("SeLeCt 1", SqlOperation.Select),
        ("  \r\n\t select 1", SqlOperation.Select),
        ("/* c */ select 1", SqlOperation.Select),
        ("-- c\nselect 1", SqlOperation.Select),
        ("(select 1)", SqlOperation.Select),
        ("select*from t", SqlOperation.Select),
        ("insert into t values (1)", SqlOperation.Insert),
        ("INSERT INTO t VALUES (1)", SqlOperation.Insert),
        ("update t set a = 1", SqlOperation.Update),
        ("Update t set a = 1", SqlOperation.Update),
        ("delete from t", SqlOperation.Delete),
        ("DELETE t", SqlOperation.Delete),
        ("", SqlOperation.Unsupported),
        ("   \n ", SqlOperation.Unsupported),
        (";", SqlOperation.Unsupported),
        ("-- select 1", SqlOperation.Unsupported),
        ("/* select 1 */", SqlOperation.Unsupported),
        ("'select'", SqlOperation.Unsupported),
        ("\"select\" 1", SqlOperation.Unsupported),
        ("selectx 1", SqlOperation.Unsupported),
        ("select_ 1", SqlOperation.Unsupported),
        ("selec 1", SqlOperation.Unsupported),
        ("sélect 1", SqlOperation.Unsupported),
        ("ｓｅｌｅｃｔ 1", SqlOperation.Unsupported),
        ("with x as (select 1) select * from x", SqlOperation.Unsupported),
        ("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x", SqlOperation.Unsupported),
        ("explain select 1", SqlOperation.Unsupported),
        ("table t", SqlOperation.Unsupported),
        ("truncate t", SqlOperation.Unsupported),
        ("set a = 1", SqlOperation.Unsupported),
        ("show tables", SqlOperation.Unsupported),
        ("do 1", SqlOperation.Unsupported),
        ("lock table t", SqlOperation.Unsupported),
        ("grant select on t to u", SqlOperation.Unsupported),
        ("drop table t", SqlOperation.Unsupported),
        ("alter table t add a int", SqlOperation.Unsupported),
        ("pragma foreign_keys", SqlOperation.Unsupported),
        ("vacuum", SqlOperation.Unsupported),
        ("upsert t", SqlOperation.Unsupported),
        ("load data infile 'x' into table t", SqlOperation.Unsupported),
        ("handler t open", SqlOperation.Unsupported),
        ("execute p", SqlOperation.Unsupported),
        ("declare @v int", SqlOperation.Unsupported));

    [Theory]
    [MemberData(nameof(OperationRows))]
    public void Operation_is_the_first_token(SqlDialect dialect, string sql, SqlOperation expected)
    {
        Assert.Equal(expected, SqlScanner.Analyze(sql, dialect).Operation);
    }

    // The first token is looked up outside the dialect's own quotes and comments.
    [Theory]
    [InlineData(SqlDialect.MySql, "`select` 1")]
    [InlineData(SqlDialect.MySql, "# select\n 1")]
    [InlineData(SqlDialect.Sqlite, "`select` 1")]
    [InlineData(SqlDialect.Sqlite, "[select] 1")]
    [InlineData(SqlDialect.SqlServer, "[select] 1")]
    [InlineData(SqlDialect.Postgres, "$$select$$")]
    [InlineData(SqlDialect.Postgres, "/* /* */ select */ 1")]
    [InlineData(SqlDialect.SqlServer, "/* /* */ select */ 1")]
    [InlineData(SqlDialect.Oracle, "q'[select]'")]
    public void Quoted_first_words_are_not_operations(SqlDialect dialect, string sql)
    {
        Assert.Equal(SqlOperation.Unsupported, SqlScanner.Analyze(sql, dialect).Operation);
    }

    [Theory]
    [InlineData("/*! select */ 1", SqlOperation.Select)]
    [InlineData("/*!select*/ 1", SqlOperation.Select)]
    [InlineData("/*+ select */ 1", SqlOperation.Unsupported)]
    [InlineData("/*!50000 select */ 1", SqlOperation.Unsupported)]
    [InlineData("/*M! select */ 1", SqlOperation.Unsupported)]
    [InlineData("select /*!50000 1 */", SqlOperation.Select)]
    public void Mysql_executable_comments_can_hold_the_first_token(string sql, SqlOperation expected)
    {
        // Unconditional /*! is always run; a versioned or MariaDB-only comment may be skipped by the server, and
        // the operation must be the same in both readings.
        Assert.Equal(expected, SqlScanner.Analyze(sql, SqlDialect.MySql).Operation);
    }

    public static TheoryData<SqlDialect, string, bool> IntoRows => SqlDialects.ForAll(
        ("select a into b from t", true),
        ("SELECT a INTO b FROM t", true),
        ("select a from t into outfile '/tmp/x'", true),
        ("select a from t into dumpfile '/tmp/x'", true),
        ("select a into @v from t", true),
        ("select x.into from t", true),
        ("select a from t where b = :into", true),
        ("select a from t", false),
        ("select 'into' from t", false),
        ("select \"into\" from t", false),
        ("select a from t -- into", false),
        ("select a /* into */ from t", false),
        ("select into_x from t", false),
        ("select x_into from t", false),
        ("select intox from t", false),
        ("insert into t values (1)", false),
        ("with x as (select 1) select * into y from x", false));

    [Theory]
    [MemberData(nameof(IntoRows))]
    public void Select_into_is_found_outside_protected_regions(SqlDialect dialect, string sql, bool expected)
    {
        Assert.Equal(expected, SqlScanner.Analyze(sql, dialect).SelectHasInto);
    }

    // Each row: does the DML return rows for postgres, mysql, sqlserver, sqlite, oracle?
    public static TheoryData<SqlDialect, string, bool> ReturningRows => SqlDialects.PerDialect(
        ("insert into t(v) values (1) returning id", true, true, true, true, true),
        ("INSERT INTO t(v) VALUES (1) RETURNING *", true, true, true, true, true),
        ("update t set v = 1 returning v", true, true, true, true, true),
        ("delete from t returning *", true, true, true, true, true),
        ("insert into t(v) select v from u returning v", true, true, true, true, true),
        ("delete from t where id = :returning", true, true, true, true, true),
        ("insert into t(v) output inserted.id values (1)", false, false, true, false, false),
        ("update t set v = 1 output deleted.v, inserted.v", false, false, true, false, false),
        ("delete from t output deleted.*", false, false, true, false, false),
        ("DELETE FROM t OUTPUT deleted.* INTO u", false, false, true, false, false),
        ("insert into t(v) values ('returning; output')", false, false, false, false, false),
        ("insert into t(v) values (1) -- returning", false, false, false, false, false),
        ("insert into t(v) values (1) /* returning */", false, false, false, false, false),
        ("insert into t(\"returning\") values (1)", false, false, false, false, false),
        ("insert into t(returning_id) values (1)", false, false, false, false, false),
        ("insert into t(output_id) values (1)", false, false, false, false, false),
        ("delete from [output] where a = 1", false, false, false, false, false),
        ("delete from `output` where a = 1", false, false, true, false, false),
        ("select a returning from t", false, false, false, false, false),
        ("select a output from t", false, false, false, false, false),
        ("merge into t using u on 1 = 1 when matched then delete returning *", false, false, false, false, false));

    [Theory]
    [MemberData(nameof(ReturningRows))]
    public void Dml_returning_rows_is_found_after_the_first_token(SqlDialect dialect, string sql, bool expected)
    {
        Assert.Equal(expected, SqlScanner.Analyze(sql, dialect).DmlReturnsRows);
    }

    [Theory]
    [MemberData(nameof(AllDialects))]
    public void Analysis_of_a_plain_select_is_clean(SqlDialect dialect)
    {
        Assert.Equal(
            new SqlAnalysis(true, SqlOperation.Select, false, false),
            SqlScanner.Analyze("select id, name from customers where id = :id", dialect));
    }

    public static TheoryData<SqlDialect> AllDialects => new(SqlDialects.All);
}
