using System.Text.Json;
using Npgsql;

namespace Onprest.Bench;

/// <summary>
/// The floor of "HTTP → PostgreSQL in .NET" on this machine: a minimal ASP.NET Core endpoint running the same
/// prepared statements (Npgsql's automatic preparation with the agent's settings) through a pooled NpgsqlDataSource and answering the same JSON shape as Onprest
/// (<c>{"rows":[…],"count":N}</c>, members sorted by name). No authentication, no validation, no tunnel.
/// </summary>
internal static class DirectBaseline
{
    public static async Task<int> RunAsync(int port, string connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        var app = builder.Build();

        app.MapPost("/get_customer", async (HttpContext context) =>
        {
            var id = await ReadIdAsync(context, "customer_id");
            await using var command = dataSource.CreateCommand("select id, name, email from customers where id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await WriteRowsAsync(context, command, ["email", "id", "name"], maxRows: 1);
        });
        app.MapPost("/list_orders", async (HttpContext context) =>
        {
            var id = await ReadIdAsync(context, "customer_id");
            await using var command = dataSource.CreateCommand("select id, customer_id, total from orders where customer_id = $1 order by id desc limit 20");
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await WriteRowsAsync(context, command, ["customer_id", "id", "total"], maxRows: 20);
        });
        app.MapGet("/healthz", () => "ok");

        await app.RunAsync();
        return 0;
    }

    private static async Task<long> ReadIdAsync(HttpContext context, string name)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        return body.RootElement.GetProperty(name).GetInt64();
    }

    private static async Task WriteRowsAsync(HttpContext context, NpgsqlCommand command, string[] sortedColumns, int maxRows)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var ordinals = sortedColumns.Select(reader.GetOrdinal).ToArray();
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("rows");
        var count = 0;
        while (count < maxRows && await reader.ReadAsync())
        {
            json.WriteStartObject();
            for (var i = 0; i < sortedColumns.Length; i++)
            {
                var value = reader.GetValue(ordinals[i]);
                switch (value)
                {
                    case long l: json.WriteNumber(sortedColumns[i], l); break;
                    case int n: json.WriteNumber(sortedColumns[i], n); break;
                    case decimal d: json.WriteString(sortedColumns[i], d.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                    default: json.WriteString(sortedColumns[i], value.ToString()); break;
                }
            }

            json.WriteEndObject();
            count++;
        }

        json.WriteEndArray();
        json.WriteNumber("count", count);
        json.WriteEndObject();
    }
}
