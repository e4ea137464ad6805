using MySqlConnector;

namespace Onprest.Agent.Databases.MySql;

/// <summary>
/// docs/agent-databases.md/ for MySQL and MariaDB, by SQLSTATE and server/client error number; 1264 (out of range value
/// for a column or routine argument), 1690 (value out of range in an expression) and 1441 (date/time field overflow)
/// are values outside their type; 1792 is a write refused by a read-only transaction.
/// </summary>
public static class MySqlErrorClassifier
{
    private static readonly HashSet<int> ConstraintNumbers = [1062, 1451, 1452, 1048, 3819];
    private static readonly HashSet<int> UnreachableNumbers = [1053, 2002, 2003, 2005, 2006, 2013];
    private static readonly HashSet<int> OutOfRangeNumbers = [1264, 1690, 1441];
    private const int ReadOnlyTransaction = 1792;

    /// <summary>
    /// MySqlConnector reports "unable to connect to any of the specified hosts" as 1042 without a server round trip:
    /// that is's "the connection cannot be established". A server-sent 1042 (host name lookup of the client) is
    /// the same situation seen from the other side.
    /// </summary>
    private const int UnableToConnect = 1042;

    public static DbErrorInfo Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is MySqlException mysql)
            {
                var kind = Classify(mysql.Number, mysql.SqlState);
                if (kind == DbErrorKind.Other && TransportFailures.IsTransport(exception))
                {
                    kind = DbErrorKind.Unreachable;
                }

                return new DbErrorInfo(kind, $"error {mysql.Number} SQLSTATE {mysql.SqlState ?? "-"}", TransportFailures.Describe(exception));
            }
        }

        var transport = TransportFailures.IsTransport(exception);
        return new DbErrorInfo(transport ? DbErrorKind.Unreachable : DbErrorKind.Other, transport ? "transport" : "client", TransportFailures.Describe(exception));
    }

    public static DbErrorKind Classify(int number, string? sqlState)
    {
        if ((sqlState is not null && sqlState.StartsWith("23", StringComparison.Ordinal)) || ConstraintNumbers.Contains(number))
        {
            return DbErrorKind.Constraint;
        }

        if (UnreachableNumbers.Contains(number) || number == UnableToConnect)
        {
            return DbErrorKind.Unreachable;
        }

        if (OutOfRangeNumbers.Contains(number))
        {
            return DbErrorKind.OutOfRange;
        }

        return number == ReadOnlyTransaction ? DbErrorKind.ReadOnlyViolation : DbErrorKind.Other;
    }
}
