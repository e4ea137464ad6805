using Microsoft.Extensions.Configuration;

namespace Onprest.AppHost;

/// <summary>
/// The AppHost's own switches, from the command line (<c>--database sqlite</c>) or the environment
/// (<c>ONPREST_APPHOST_DATABASE=sqlite</c>); docs/aspire.md lists them.
/// </summary>
internal sealed record AppHostOptions(DatabaseMode Database, int? GatewayPort, string? ApiKey)
{
    /// <summary>Reads the switches; every bad value is collected in <paramref name="errors"/> (then the result is false).</summary>
    public static bool TryRead(IConfiguration configuration, out AppHostOptions options, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        var databaseText = Read(configuration, "database", "ONPREST_APPHOST_DATABASE") ?? "auto";
        var database = databaseText.ToLowerInvariant() switch
        {
            "auto" => DatabaseMode.Auto,
            "postgres" => DatabaseMode.Postgres,
            "sqlite" => DatabaseMode.Sqlite,
            _ => Fail(found, $"database must be auto, postgres or sqlite (got '{databaseText}')", DatabaseMode.Auto),
        };

        int? port = null;
        var portText = Read(configuration, "gateway-port", "ONPREST_APPHOST_GATEWAY_PORT");
        if (portText is not null)
        {
            port = int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
                ? p
                : Fail<int?>(found, $"gateway-port must be a port number from 1 to 65535 (got '{portText}')", null);
        }

        var apiKey = Read(configuration, "api-key", "ONPREST_APPHOST_API_KEY");
        if (apiKey is not null && apiKey.Length < 32)
        {
            // The value itself is not echoed: it is meant to be a secret.
            found.Add("api-key must be at least 32 characters (or leave it out: a random key is generated)");
        }

        options = new AppHostOptions(database, port, apiKey);
        errors = found;
        return found.Count == 0;
    }

    private static string? Read(IConfiguration configuration, string switchName, string environmentName)
    {
        var value = configuration[switchName] ?? configuration[environmentName];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static T Fail<T>(List<string> errors, string error, T fallback)
    {
        errors.Add(error);
        return fallback;
    }
}

/// <summary>Where the example database comes from.</summary>
internal enum DatabaseMode
{
    /// <summary>PostgreSQL in a container when a container runtime answers, otherwise SQLite.</summary>
    Auto,
    Postgres,
    Sqlite,
}
