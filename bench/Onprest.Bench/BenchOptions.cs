using System.Globalization;

namespace Onprest.Bench;

/// <summary>Benchmark settings: flags override environment variables.</summary>
/// <param name="Binaries">Folder with the published onprest-gateway and onprest-agent.</param>
/// <param name="Postgres">Npgsql connection string of a database the benchmark may create tables in (owner).</param>
/// <param name="AgentUser">A least-privilege role the agent connects as (SELECT on the bench tables is granted to it).</param>
/// <param name="Duration">Seconds measured per path and connection count, split over the rounds.</param>
/// <param name="TunnelEnvironment">Extra variables for the gateway and the agent only, e.g. <c>--tunnel-env DOTNET_gcServer=0</c>.</param>
/// <param name="Rounds">The measured time of each path is split into this many slices, the paths taking turns.</param>
/// <param name="Admin">When true (<c>--admin on</c>), the gateway runs with its admin listener and the benchmark scrapes its <c>/metrics</c> every second.</param>
/// <param name="Paths">Which of <c>direct</c>, <c>rest</c>, <c>mcp</c>, <c>postgraphile</c> to drive (all by default; fewer when profiling one).</param>
internal sealed record BenchOptions(string Binaries, string Postgres, string AgentUser, string AgentPassword, int Duration, int Warmup, int[] Connections, string[] Capabilities, string[] Paths, int Rounds, IReadOnlyDictionary<string, string> TunnelEnvironment, bool Admin)
{
    public static BenchOptions Parse(string[] args)
    {
        string Flag(string name, string env, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable(env) ?? fallback;
        }

        return new BenchOptions(
            Flag("--bin", "ONPREST_BENCH_BIN", Path.Combine("artifacts", "bench")),
            Flag("--postgres", "ONPREST_BENCH_POSTGRES", FromCiVariables()),
            Flag("--agent-user", "ONPREST_BENCH_AGENT_USER", "onprest_bench_agent"),
            Flag("--agent-password", "ONPREST_BENCH_AGENT_PASSWORD", "bench-agent-password"),
            int.Parse(Flag("--duration", "ONPREST_BENCH_DURATION", "30"), CultureInfo.InvariantCulture),
            int.Parse(Flag("--warmup", "ONPREST_BENCH_WARMUP", "5"), CultureInfo.InvariantCulture),
            Flag("--connections", "ONPREST_BENCH_CONNECTIONS", "1,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            Flag("--capabilities", "ONPREST_BENCH_CAPABILITIES", "get_customer,list_orders").Split(','),
            Flag("--paths", "ONPREST_BENCH_PATHS", "direct,rest,mcp,postgraphile").Split(','),
            int.Parse(Flag("--rounds", "ONPREST_BENCH_ROUNDS", "3"), CultureInfo.InvariantCulture),
            Flag("--tunnel-env", "ONPREST_BENCH_TUNNEL_ENV", "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : ""),
            Flag("--admin", "ONPREST_BENCH_ADMIN", "off") is "on" or "1" or "true");
    }

    /// <summary>The owner account of .ci/databases.sh (its password holds <c>;</c>, so it is never spliced into text).</summary>
    private static string FromCiVariables() => new Npgsql.NpgsqlConnectionStringBuilder
    {
        Host = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_HOST") ?? "127.0.0.1",
        Port = int.Parse(Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_PORT") ?? "5432", CultureInfo.InvariantCulture),
        Username = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_USER") ?? "postgres",
        Password = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_PASSWORD"),
        Database = "onprest_bench",
    }.ToString();
}
