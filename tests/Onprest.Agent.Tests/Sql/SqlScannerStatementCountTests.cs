using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>The single-statement rule (docs/capability-yaml.md) and the regions that hide a <c>;</c>.</summary>
public sealed class SqlScannerStatementCountTests
{
    public static TheoryData<SqlDialect, string, bool> CommonRows => SqlDialects.ForAll(
        ("select 1", true),
        ("select 1;", true),
        ("select 1;   ", true),
        ("select 1;\n\t\r\n", true),
        ("select 1; /* c */", true),
        ("select 1; /* c */ -- d\n  ", true),
        ("select 1; /* unterminated", true),
        ("select 1 -- ; update t set v=1", true),
        ("select 1 /* ; update t set v=1 */", true),
        ("select ';' from t", true),
        ("select 'a'';delete' from t", true),
        ("select \"a;b\" from t", true),
        ("select \"a\"\";delete\" from t", true),
        ("select 'unterminated; delete from t", true),
        ("select \"unterminated; delete from t", true),
        ("", true),
        (";", true),
        ("select 1;;", false),
        ("select 1; ;", false),
        ("select 1;select 2", false),
        ("select 1; update t set v=2", false),
        (";select 1", false),
        ("select 1; x", false),
        ("select 1; 1", false),
        ("select 1; 'x'", false),
        ("select 1; \"x\"", false),
        ("select 1; (", false),
        ("select 1;\f", false),
        ("select 1;\v", false),
        ("select 1;\u00A0", false),
        ("select 1;\u2028", false),
        ("select 1;\u200B", false),
        ("select ';'; delete from t", false),
        ("select 1 -- c\n; delete from t", false),
        ("select 1 /* c */; delete from t", false),
        ("select 1\0", false),
        ("select '\0' from t", false),
        ("select 1; -- \0", false));

    [Theory]
    [MemberData(nameof(CommonRows))]
    public void Semicolon_must_end_the_text(SqlDialect dialect, string sql, bool single)
    {
        Assert.Equal(single, SqlScanner.Analyze(sql, dialect).IsSingleStatement);
    }

    // Each row: does the text read as one statement for postgres, mysql, sqlserver, sqlite, oracle?
    public static TheoryData<SqlDialect, string, bool> RegionRows => SqlDialects.PerDialect(
        // backticks: mysql and sqlite, doubled backtick escapes
        ("select `a;b` from t", false, true, false, true, false),
        ("select `a``;b` from t", false, true, false, true, false),
        ("select `a`;b` from t", false, false, false, false, false),
        // brackets: sqlserver with ]] escape, sqlite up to the first ]
        ("select [a;b] from t", false, false, true, true, false),
        ("select [a]];b] from t", false, false, true, false, false),
        ("select [a] from t; x]", false, false, false, false, false),
        // dollar quotes: postgres only, tag rules, opener not after an identifier character
        ("select $$a;b$$", true, false, false, false, false),
        ("select $tag$a;b$tag$", true, false, false, false, false),
        ("select $_a1$a;b$_a1$", true, false, false, false, false),
        ("select $tag$a;$other$;b$tag$", true, false, false, false, false),
        ("select $é$a;b$é$", true, false, false, false, false),
        ("select $tag$a $TAG$; x", true, false, false, false, false),
        ("select $1$;b$1$", false, false, false, false, false),
        ("select a$$;b$$", false, false, false, false, false),
        ("select a_$$;b$$", false, false, false, false, false),
        ("select 1$$;b$$", false, false, false, false, false),
        ("select é$$;b$$", false, false, false, false, false),
        ("select ($$a;b$$)", true, false, false, false, false),
        ("select $a b$;x$a b$", false, false, false, false, false),
        // q-quotes: oracle only, q not after an identifier character (letters, digits, _, $, #, non-ASCII)
        ("select q'[a';b]' from dual", false, false, false, false, true),
        ("select Q'[a';b]' from dual", false, false, false, false, true),
        ("select q'{a';b}' from dual", false, false, false, false, true),
        ("select q'(a';b)' from dual", false, false, false, false, true),
        ("select q'<a';b>' from dual", false, false, false, false, true),
        ("select q'!a';b!' from dual", false, false, false, false, true),
        ("select q'[a]';b]' from dual", false, false, false, false, false),
        ("select nq'[a';b]' from dual", false, false, false, false, true),
        ("select NQ'[a';b]' from dual", false, false, false, false, true),
        ("select xq'[a';b]' from dual", false, false, false, false, false),
        ("select 1q'[a';b]' from dual", false, false, false, false, false),
        ("select a$q'[a';b]' from dual", false, false, false, false, false),
        ("select a#q'[a';b]' from dual", false, true, false, false, false),
        ("select éq'[a';b]' from dual", false, false, false, false, false),
        ("select q'", true, true, true, true, true),
        ("select q'[a;b", true, true, true, true, true),
        // mysql # comments
        ("select 1 # ;delete from t", false, true, false, false, false),
        ("select 1 # c\n;delete from t", false, false, false, false, false),
        // -- comments: mysql only before whitespace, a control character or the end
        ("select 1 --;delete from t", true, false, true, true, true),
        ("select 1 -- ;delete from t", true, true, true, true, true),
        ("select 1 --\t;delete from t", true, true, true, true, true),
        ("select 1 --\u0001;delete from t", true, true, true, true, true),
        ("select 1 --\u007F;delete from t", true, true, true, true, true),
        ("select 1 --x;delete from t", true, false, true, true, true),
        ("select 1 --", true, true, true, true, true),
        ("select 1 --x\n;delete from t", false, false, false, false, false),
        // a lone CR ends a line comment for postgres; mysql and sqlite read on to LF; sqlserver/oracle both ways
        ("select 1 -- x\r;delete from t", false, true, false, true, false),
        ("select 1 -- x\r\n;delete from t", false, false, false, false, false),
        // nested block comments: postgres and sqlserver
        ("select 1 /* a /* b */ ; delete */", true, false, true, false, false),
        ("select 1 /* a /* b */ */ ; delete", false, false, false, false, false),
        ("select 1 /* a */ ; delete */", false, false, false, false, false),
        ("select 1 /*/ ; delete */", true, true, true, true, true),
        ("select 1 /**/ ; delete", false, false, false, false, false),
        ("select 1 /* a /* b */", true, true, true, true, true),
        // mysql executable comments are scanned as code, hints and plain comments are protected
        ("select 1 /*! ; delete from t */", true, false, true, true, true),
        ("select 1 /*!50000 ; delete from t */", true, false, true, true, true),
        ("select 1 /*M! ; delete from t */", true, false, true, true, true),
        ("select 1 /*M!100500 ; delete from t */", true, false, true, true, true),
        ("select 1 /*m! ; delete from t */", true, false, true, true, true),
        ("select 1 /*m! ' */ ; delete from t; -- '", false, false, false, false, false),
        ("select /*+ ; delete */ 1", true, true, true, true, true),
        ("select 1 /*!; */", true, true, true, true, true),
        ("select 1 /*! /* ; */ */", true, true, true, true, true),
        // MariaDB runs the text after a nested /*! (its first */ ends executable text), so the ';' is code there
        ("select 1 /*! /*! ; */ */", true, false, true, true, true),
        ("select 1 /*! */ ; delete", false, false, false, false, false),
        ("select 1; /*! */", true, true, true, true, true),
        ("select 1; /*! x */", true, false, true, true, true),
        ("select 1 /*! ' */ ; delete from t; -- '", false, true, false, false, false),
        ("select 1 /*!50000 ' */ ; delete from t; -- '", false, false, false, false, false),
        ("select 1 /*M! ' */ ; delete from t; -- '", false, false, false, false, false),
        ("select 1 /*! -- */ ; delete from t\n */", false, true, false, false, false),
        // postgres E-strings: backslash escapes; the E must not follow an identifier character
        ("select E'a\\';b'", true, false, false, false, false),
        ("select e'a\\';b'", true, false, false, false, false),
        ("select (E'a\\';b')", true, false, false, false, false),
        ("select xE'a\\';b'", false, false, false, false, false),
        ("select 1E'a\\';b'", false, false, false, false, false),
        ("select éE'a\\';b'", false, false, false, false, false),
        ("select $E'a\\';b'", false, false, false, false, false));

    [Theory]
    [MemberData(nameof(RegionRows))]
    public void Protected_regions_follow_the_dialect_table(SqlDialect dialect, string sql, bool single)
    {
        Assert.Equal(single, SqlScanner.Analyze(sql, dialect).IsSingleStatement);
    }
}
