using Onprest.Agent.Databases.MySql;

namespace Onprest.Agent.Tests.Databases;

public sealed class MySqlStatementGuardTests
{
    [Theory]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SELECT 1;SELECT 2")]
    [InlineData("UPDATE t SET a = 1; DROP TABLE t")]
    [InlineData("SELECT 'a\\'; SELECT 2 -- '")]
    [InlineData("SELECT \"x\\\"; DELETE FROM t; -- \"")]
    [InlineData("SELECT 1 /*! ; DROP TABLE t */")]
    [InlineData("SELECT 1; /* c */ SELECT 2")]
    [InlineData("SELECT 1;\nSELECT 2")]
    [InlineData("SELECT 1 --x\n; SELECT 2")]
    public void Refuses_a_second_statement(string sql)
    {
        Assert.True(MySqlStatementGuard.HasSecondStatement(sql));
    }

    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("SELECT 1;")]
    [InlineData("SELECT 1;  \n")]
    [InlineData("SELECT 1; -- trailing comment")]
    [InlineData("SELECT 1; # trailing comment")]
    [InlineData("SELECT 1; /* done */")]
    [InlineData("SELECT 'a;b' AS x")]
    [InlineData("SELECT \"a;b\" AS x")]
    [InlineData("SELECT `we;ird` FROM t")]
    [InlineData("SELECT 1 -- ; SELECT 2")]
    [InlineData("SELECT 1 # ; SELECT 2")]
    [InlineData("SELECT 1 /* ; SELECT 2 */")]
    [InlineData("SELECT 'it''s;' AS x")]
    [InlineData("")]
    public void Accepts_one_statement(string sql)
    {
        Assert.False(MySqlStatementGuard.HasSecondStatement(sql));
    }
}
