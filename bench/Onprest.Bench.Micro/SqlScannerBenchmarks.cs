using System.Text;
using BenchmarkDotNet.Attributes;
using Onprest.Agent.Sql;

namespace Onprest.Bench.Micro;

/// <summary>Target: a 4 KB statement analysed in under 20 µs (issue: benchmarks).</summary>
[MemoryDiagnoser]
public class SqlScannerBenchmarks
{
    private string _statement = "";

    [GlobalSetup]
    public void Setup()
    {
        // A realistic 4 KB SELECT: many columns, quoted identifiers, strings, comments, casts and placeholders.
        var sql = new StringBuilder("select c.id, c.name, c.email, ");
        var i = 0;
        while (sql.Length < 4000)
        {
            sql.Append((i % 4) switch
            {
                0 => $"coalesce(c.\"note_{i}\", 'n/a; -- not a comment') as n{i}, ",
                1 => $"/* column {i} */ c.col_{i}::text as t{i}, ",
                2 => $"case when c.flag_{i} = :flag then 'x' else 'y' end as f{i}, ",
                _ => $"(select count(*) from orders o where o.customer_id = c.id and o.kind = :kind) as k{i}, ",
            });
            i++;
        }

        sql.Append("1 as one from customers c where c.id = :customer_id");
        _statement = sql.ToString();
    }

    [Benchmark]
    public SqlAnalysis Analyze_postgres_4KB() => SqlScanner.Analyze(_statement, SqlDialect.Postgres);

    [Benchmark]
    public RewrittenSql Rewrite_postgres_4KB() => SqlScanner.Rewrite(_statement, SqlDialect.Postgres);
}
