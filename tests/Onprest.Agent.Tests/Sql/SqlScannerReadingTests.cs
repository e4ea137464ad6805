using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>
/// The extra readings of docs/sql-scanner.md: each row is SQL that one plausible server setting reads as more
/// than one statement while a single reading would accept it.
/// </summary>
public sealed class SqlScannerReadingTests
{
    // Each row: one statement for postgres, mysql, sqlserver, sqlite, oracle?
    public static TheoryData<SqlDialect, string, bool> Rows => SqlDialects.PerDialect(
        // MySQL with backslash escapes and ANSI_QUOTES: '…' escapes, "…" is an identifier
        ("select '\\'' , \"\\\" ; delete from t ; -- \"", false, false, true, true, true),
        // PostgreSQL with standard_conforming_strings off: '…' escapes, "…" never does
        ("select 'x\\' , \"\\\" ; delete from t ; -- \"' , 1", false, false, false, false, false),
        // a versioned comment the server skips ends at the first */ even inside quotes
        ("select 1 /*!80000 ' */ ; delete from t; -- '", false, false, false, false, false),
        ("select 1 /*M!100000 \" */ ; delete from t; -- \"", false, false, false, false, false),
        // an unconditional executable comment is always run: one reading
        ("select 1 /*! ' */ ; delete from t; -- '", false, true, false, false, false),
        // found by the differential fuzzer (docs/fuzzing.md): inside an executable comment MariaDB runs the text
        // after a further /*! or /*M! instead of skipping it as a comment
        ("select 1 ; /*! /*M!100000 select 2 */", true, false, true, true, true),
        ("select 1 ; /*! /*! select 2 */", true, false, true, true, true),
        ("select 1 /*! /*M! ; select 2 */", true, false, true, true, true),
        // found by the differential fuzzer: SQLite reads a "/*" at the very end as two operators, a second statement
        ("select 1 ;/*", true, true, true, false, true),
        ("select 1 ;/* x", true, true, true, true, true),
        // a plain /* inside an executable comment stays an ordinary comment
        ("select 1 /*! /* ; select 2 */ */", true, true, true, true, true),
        // a lone CR may end a -- comment on SQL Server / Oracle
        ("select 1 -- x\rdelete from t", true, true, false, true, true),
        ("select 1 -- x\r' \n delete from t -- '", true, true, false, true, true),
        ("select 1 -- x\r' \n; delete from t -- '", true, false, false, false, false),
        ("select 1 -- x\r\ndelete from t", true, true, false, true, true),
        // U+0000: SQLite stops reading, MySQL ends comments there
        ("select 1 -- \0\n", false, false, false, false, false),
        ("select 1 /* \0 */", false, false, false, false, false));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_plausible_reading_must_pass(SqlDialect dialect, string sql, bool single)
    {
        Assert.Equal(single, SqlScanner.Analyze(sql, dialect).IsSingleStatement);
    }

    [Fact]
    public void Mysql_combines_backslash_and_conditional_readings()
    {
        // Six readings: the statement is hidden from the default reading only.
        Assert.False(SqlScanner.Analyze("select '\\' /*!50000 ' */ ; delete from t; -- '", SqlDialect.MySql).IsSingleStatement);
        Assert.True(SqlScanner.Analyze("select 'a\\\\b' /*!50000 x */ from t", SqlDialect.MySql).IsSingleStatement);
    }

    [Theory]
    [InlineData(SqlDialect.Postgres, "select 'a\\' || :b || '\\' from t")]
    [InlineData(SqlDialect.MySql, "select 'a\\\\' /*!50000 x */ from t where c = :c")]
    [InlineData(SqlDialect.SqlServer, "select a -- c\r\n from t where b = :b")]
    public void Analyze_allocates_only_its_result(SqlDialect dialect, string sql)
    {
        SqlScanner.Analyze(sql, dialect);

        var before = GC.GetAllocatedBytesForCurrentThread();
        SqlScanner.Analyze(sql, dialect);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 64);
    }
}
