using Onprest.Agent.Sql;
using Onprest.Fuzz.Running;

namespace Onprest.Fuzz.Sql;

/// <summary>The scanner targets: properties alone (any dialect) and the differential check against a real engine.</summary>
public static class SqlTargets
{
    public static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(2);

    /// <summary>Chaos and structured inputs alternate; every input is checked for the any-text properties.</summary>
    /// <param name="perInputLimit">Default <see cref="PerInputLimit"/>; CI passes a far larger bound that only catches hangs.</param>
    public static FuzzReport Scanner(SqlDialect dialect, long iterations, int seed, TimeSpan? perInputLimit = null)
    {
        var report = new FuzzReport($"sql-{Name(dialect)}", seed);
        FuzzLoop.Run(
            report,
            iterations,
            random =>
            {
                var structured = random.Next(2) == 0;
                var codeSemicolon = structured && random.Next(2) == 0;
                return (Structured: structured, CodeSemicolon: codeSemicolon,
                    Text: structured ? SqlGenerator.Structured(random, dialect, codeSemicolon) : SqlGenerator.Chaos(random, dialect));
            },
            (input, r) =>
            {
                if (input.Structured)
                {
                    SqlProperties.CheckStructured(input.Text, input.CodeSemicolon, dialect, r);
                }
                else
                {
                    SqlProperties.CheckAnyText(input.Text, dialect, r);
                }
            },
            input => input.Text,
            perInputLimit ?? PerInputLimit);
        return report;
    }

    /// <summary>
    /// For chaos text the scanner accepts as one statement, the engine receives what the agent would send (the
    /// rewritten text) and must not find two statements in any of its readings. Text the scanner refuses is also
    /// judged now and then, to show the oracle can see several statements at all.
    /// </summary>
    public static FuzzReport Differential(IEngineOracle oracle, long iterations, int seed, TimeSpan? perInputLimit = null)
    {
        var report = new FuzzReport($"sql-diff-{oracle.Name}", seed);
        FuzzLoop.Run(
            report,
            iterations,
            random => random.Next(2) == 0 ? SqlGenerator.Chaos(random, oracle.Dialect, maxPieces: 12) : SqlGenerator.Expressions(random, oracle.Dialect),
            (sql, r) =>
            {
                var analysis = SqlScanner.Analyze(sql, oracle.Dialect);
                var serverText = ServerText(sql, oracle.Dialect);
                if (serverText is null)
                {
                    r.Count("skipped: text the client library would rewrite");
                    return;
                }

                if (!analysis.IsSingleStatement && r.Inputs % 16 != 0)
                {
                    r.Count("scanner: several (not sent)");
                    return;
                }

                foreach (var (reading, verdict) in oracle.Judge(serverText))
                {
                    r.Count($"scanner {(analysis.IsSingleStatement ? "one" : "several")}, engine {verdict}");
                    if (analysis.IsSingleStatement && verdict == EngineVerdict.Several)
                    {
                        r.Fail($"scanner accepted one statement, {oracle.Name} ({reading}) found several", sql);
                    }
                }
            },
            sql => sql,
            perInputLimit ?? TimeSpan.FromSeconds(10));
        return report;
    }

    /// <summary>
    /// The text the server receives: the rewritten SQL. For MariaDB the '?' markers become a literal, because the
    /// text goes through the text protocol; texts with their own '?' or '@' (which the client library would treat as
    /// parameters) are skipped.
    /// </summary>
    public static string? ServerText(string sql, SqlDialect dialect)
    {
        if (sql.Contains('\0'))
        {
            // Drivers cut or refuse NUL in the text; the scanner refuses it anyway.
            return null;
        }

        var rewritten = SqlScanner.Rewrite(sql, dialect).Text;
        if (dialect != SqlDialect.MySql)
        {
            return rewritten;
        }

        return sql.Contains('?') || sql.Contains('@') ? null : rewritten.Replace("?", "1", StringComparison.Ordinal);
    }

    public static string Name(SqlDialect dialect) => dialect switch
    {
        SqlDialect.Postgres => "postgres",
        SqlDialect.MySql => "mysql",
        SqlDialect.SqlServer => "sqlserver",
        SqlDialect.Sqlite => "sqlite",
        SqlDialect.Oracle => "oracle",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };
}
