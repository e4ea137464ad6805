using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Sql;

/// <summary>Expands per-dialect expectation rows into theory rows.</summary>
internal static class SqlDialects
{
    public static readonly SqlDialect[] All =
        [SqlDialect.Postgres, SqlDialect.MySql, SqlDialect.SqlServer, SqlDialect.Sqlite, SqlDialect.Oracle];

    /// <summary>One row per dialect with the same expectation.</summary>
    public static TheoryData<SqlDialect, string, T> ForAll<T>(params (string Sql, T Expected)[] rows)
    {
        var data = new TheoryData<SqlDialect, string, T>();
        foreach (var (sql, expected) in rows)
        {
            foreach (var dialect in All)
            {
                data.Add(dialect, sql, expected);
            }
        }

        return data;
    }

    /// <summary>One row per dialect with an expectation per dialect (postgres, mysql, sqlserver, sqlite, oracle).</summary>
    public static TheoryData<SqlDialect, string, T> PerDialect<T>(params (string Sql, T Postgres, T MySql, T SqlServer, T Sqlite, T Oracle)[] rows)
    {
        var data = new TheoryData<SqlDialect, string, T>();
        foreach (var row in rows)
        {
            data.Add(SqlDialect.Postgres, row.Sql, row.Postgres);
            data.Add(SqlDialect.MySql, row.Sql, row.MySql);
            data.Add(SqlDialect.SqlServer, row.Sql, row.SqlServer);
            data.Add(SqlDialect.Sqlite, row.Sql, row.Sqlite);
            data.Add(SqlDialect.Oracle, row.Sql, row.Oracle);
        }

        return data;
    }
}
