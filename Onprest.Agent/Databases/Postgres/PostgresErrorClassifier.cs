using Npgsql;

namespace Onprest.Agent.Databases.Postgres;

/// <summary>
/// docs/agent-databases.md/ for PostgreSQL: SQLSTATE class <c>23</c> is a constraint; class <c>08</c>, <c>57P01–57P03</c>
/// and transport failures are unreachable; <c>22003</c> (numeric value out of range) and <c>22008</c> (date/time field
/// out of range) are values outside their type; <c>25006</c> is a write refused by a read-only session.
/// </summary>
public static class PostgresErrorClassifier
{
    public static DbErrorInfo Classify(Exception exception)
    {
        var postgres = Find<PostgresException>(exception);
        if (postgres is not null)
        {
            var byCode = ClassifySqlState(postgres.SqlState);
            if (byCode == DbErrorKind.Other && TransportFailures.HasFragment(postgres.MessageText))
            {
                byCode = DbErrorKind.Unreachable;
            }

            return new DbErrorInfo(byCode, $"SQLSTATE {postgres.SqlState}", Detail(postgres));
        }

        var kind = TransportFailures.IsTransport(exception) ? DbErrorKind.Unreachable : DbErrorKind.Other;
        if (kind == DbErrorKind.Other && exception is NpgsqlException { IsTransient: true } && Find<PostgresException>(exception) is null)
        {
            kind = DbErrorKind.Unreachable;
        }

        return new DbErrorInfo(kind, kind == DbErrorKind.Unreachable ? "transport" : "client", TransportFailures.Describe(exception));
    }

    public static DbErrorKind ClassifySqlState(string sqlState)
    {
        if (sqlState.StartsWith("23", StringComparison.Ordinal))
        {
            return DbErrorKind.Constraint;
        }

        if (sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03")
        {
            return DbErrorKind.Unreachable;
        }

        return sqlState switch
        {
            "22003" or "22008" => DbErrorKind.OutOfRange,
            "25006" => DbErrorKind.ReadOnlyViolation,
            _ => DbErrorKind.Other,
        };
    }

    private static string Detail(PostgresException exception)
    {
        var parts = new List<string> { $"SQLSTATE {exception.SqlState}", exception.MessageText };
        if (!string.IsNullOrEmpty(exception.ConstraintName))
        {
            parts.Add($"constraint {exception.ConstraintName}");
        }

        if (!string.IsNullOrEmpty(exception.Detail))
        {
            parts.Add(exception.Detail);
        }

        return string.Join("; ", parts);
    }

    /// <summary>SQLSTATE class <c>22</c> (data exception): the server refused a value, not the statement.</summary>
    public static bool IsDataException(Exception exception) =>
        Find<PostgresException>(exception) is { } postgres && postgres.SqlState.StartsWith("22", StringComparison.Ordinal);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
