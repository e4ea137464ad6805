using Npgsql;

namespace Onprest.Agent.Databases.Postgres;

/// <summary>
/// Watches the settings PostgreSQL reports to the client after every change (ParameterStatus) on the read-only pool,
/// whose sessions are not reset between calls. A session whose read-only default, role, time zone or date/interval
/// style differs from what a new session of the pool had is not reused: those settings decide whether writes are
/// refused and how result values are read. The check reads the driver's copy of the reports: no round trip.
/// </summary>
internal sealed class PostgresSessionGuard
{
    private static readonly string[] Watched =
    [
        "default_transaction_read_only", "session_authorization", "is_superuser", "TimeZone", "DateStyle", "IntervalStyle",
        "client_encoding", "standard_conforming_strings",
    ];

    private string?[]? _expected;

    /// <summary>True when every watched setting equals the first session's; the first session defines them.</summary>
    public bool IsUnchanged(NpgsqlConnection connection)
    {
        var expected = Volatile.Read(ref _expected);
        if (expected is null)
        {
            // The first session of the pool is new: nothing has run on it yet.
            Remember(connection);
            return true;
        }

        var reported = connection.PostgresParameters;
        for (var index = 0; index < Watched.Length; index++)
        {
            var now = reported.TryGetValue(Watched[index], out var value) ? value : null;
            if (!string.Equals(now, expected[index], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes the settings of a new session as the reference (also after the server's configuration changed).</summary>
    public void Remember(NpgsqlConnection connection)
    {
        var reported = connection.PostgresParameters;
        var snapshot = new string?[Watched.Length];
        for (var index = 0; index < Watched.Length; index++)
        {
            snapshot[index] = reported.TryGetValue(Watched[index], out var value) ? value : null;
        }

        Volatile.Write(ref _expected, snapshot);
    }
}
