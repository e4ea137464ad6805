using System.Globalization;
using Onprest.Agent.Sql;
using Onprest.Fuzz.Frames;
using Onprest.Fuzz.Running;
using Onprest.Fuzz.Sql;
using Onprest.Fuzz.Yaml;

// fuzz/run.sh <target> [--iterations N] [--seed S]
//   sql-<dialect>        scanner properties (postgres, mysql, sqlite, sqlserver, oracle); sql = all five
//   sql-diff-<engine>    differential check against a real engine (postgres, mariadb, sqlite); sql-diff = all three
//   frames               hostile gateway frames through a session
//   yaml                 capability.yaml bytes and text through decoding and lint
//   all                  everything above
// Exit status: 0 when nothing was found, 1 when something was, 2 for a usage error.
var arguments = args.ToList();
if (arguments.Count == 0 || arguments[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: fuzz/run.sh <sql|sql-<dialect>|sql-diff|sql-diff-<engine>|frames|yaml|all> [--iterations N] [--seed S]");
    return 2;
}

var target = arguments[0];
if (target == "judge" && arguments.Count == 3)
{
    // fuzz/run.sh judge <postgres|mariadb|sqlite> '<sql>': what the scanner and the engine say about one text.
    using var oracle = Oracle(arguments[1]) ?? throw new InvalidOperationException("engine not configured: " + arguments[1]);
    var sql = System.Text.RegularExpressions.Regex.Unescape(arguments[2]);
    Console.WriteLine($"scanner: {(SqlScanner.Analyze(sql, oracle.Dialect).IsSingleStatement ? "one statement" : "several statements")}");
    var serverText = SqlTargets.ServerText(sql, oracle.Dialect) ?? sql;
    foreach (var (reading, verdict) in oracle.Judge(serverText))
    {
        Console.WriteLine($"{oracle.Name} ({reading}): {verdict}");
    }

    return 0;
}

long iterations = 10_000;
var seed = 1;
for (var i = 1; i < arguments.Count; i++)
{
    switch (arguments[i])
    {
        case "--iterations" when i + 1 < arguments.Count:
            iterations = long.Parse(arguments[++i].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            break;
        case "--seed" when i + 1 < arguments.Count:
            seed = int.Parse(arguments[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown argument: {arguments[i]}");
            return 2;
    }
}

var dialects = new[] { SqlDialect.Postgres, SqlDialect.MySql, SqlDialect.Sqlite, SqlDialect.SqlServer, SqlDialect.Oracle };
var runs = new List<Func<FuzzReport?>>();
foreach (var dialect in dialects)
{
    if (target is "sql" or "all" || target == "sql-" + SqlTargets.Name(dialect))
    {
        runs.Add(() => SqlTargets.Scanner(dialect, iterations, seed));
    }
}

foreach (var engine in new[] { "postgres", "mariadb", "sqlite" })
{
    if (target is "sql-diff" or "all" || target == "sql-diff-" + engine)
    {
        runs.Add(() => Differential(engine));
    }
}

if (target is "frames" or "all")
{
    runs.Add(() => FrameTargets.Run(iterations, seed));
}

if (target is "yaml" or "all")
{
    runs.Add(() => YamlTargets.Run(iterations, seed));
}

if (runs.Count == 0)
{
    Console.Error.WriteLine($"unknown target: {target}");
    return 2;
}

var found = false;
foreach (var run in runs)
{
    var report = run();
    if (report is null)
    {
        continue;
    }

    Console.WriteLine(report.Summary());
    found |= report.Counters.GetValueOrDefault("findings") > 0;
}

return found ? 1 : 0;

IEngineOracle? Oracle(string engine) => engine switch
{
    "postgres" when TestDatabases.Postgres() is { } connection => new PostgresOracle(connection),
    "mariadb" when TestDatabases.MySql() is { } connection => new MySqlOracle(connection),
    "sqlite" => new SqliteOracle(),
    _ => null,
};

FuzzReport? Differential(string engine)
{
    var oracle = Oracle(engine);
    if (oracle is null)
    {
        Console.WriteLine($"sql-diff-{engine}: skipped, the server is not configured (source .ci/databases.sh first)");
        return null;
    }

    using (oracle)
    {
        return SqlTargets.Differential(oracle, iterations, seed);
    }
}
